import { createServer } from 'node:net';

/** A loopback port nothing listens on right now (for a sign-in's redirect, or an emulator whose URL must be known first). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}
