import { Readable, Transform } from 'node:stream';

/** Slice size handed to the socket; also the progress granularity, in bytes. */
const SLICE = 256 * 1024;

/**
 * Progress without axios' onUploadProgress: that option (like a finite maxBodyLength) wraps the body in a
 * stream pipeline that keeps the keep-alive socket from returning to the pool, so each part would open a
 * new connection. These streams are pulled lazily by the multipart body, so the count follows the socket.
 */
export function countingBufferStream(data: Buffer, onBytes: (total: number) => void): Readable {
  let sent = 0;
  function* slices(): Generator<Buffer> {
    for (let at = 0; at < data.length; at += SLICE) {
      const slice = data.subarray(at, Math.min(at + SLICE, data.length));
      yield slice;
      sent += slice.length;
      onBytes(sent);
    }
  }
  return Readable.from(slices(), { objectMode: false });
}

export function countingPassThrough(source: Readable, onBytes: (total: number) => void): Readable {
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      sent += chunk.length;
      onBytes(sent);
      callback(undefined, chunk);
    },
  });
  source.on('error', (err) => counter.destroy(err));
  return source.pipe(counter);
}
