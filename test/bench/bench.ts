// `npm run bench`: wall time and peak RSS of a 256 MiB upload (and RSS for 1 GiB) against the emulator under
// three network profiles, next to the ideal the limits allow and the official SDK used as its users write it,
// in one run. Writes the table to BENCHMARKS.md. Not part of `npm test`: it takes minutes.
import { execFile } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../src/emulator';
import { idealMs, multipartCalls, type Profile } from './ideal';
import { writeSection } from './report';

const MiB = 1024 * 1024;
const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const SDK_CLIENT = join(__dirname, 'sdkClient.js');
const RSS_PROBE = join(__dirname, 'rssProbe.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BLOCK = 4 * MiB;

const PROFILES: Profile[] = [
  { id: 'a', label: 'loopback, unlimited', latencyMs: 0 },
  { id: 'b', label: '20 ms + 100 MiB/s', latencyMs: 20, bytesPerSecond: 100 * MiB },
  { id: 'c', label: '50 ms + 10 MiB/s', latencyMs: 50, bytesPerSecond: 10 * MiB },
];

interface Run {
  ok: boolean;
  ms: number;
  rssMiB: number;
  violations: number;
  /** Time the emulator spent beyond what the profile prescribes (parsing, checksums, disk), summed over calls, ms. */
  serverExtraMs: number;
  note?: string;
}

/** Per-call server times (ms, arrival to response) from the emulator's log, for the run under way. */
const serverCalls: { endpoint: string; ms: number }[] = [];

/** What the profile alone makes a call take: its body at the link's rate plus the latency, ms. */
function prescribedMs(endpoint: string, profile: Profile): number {
  const body = endpoint.endsWith('upload_part') ? BLOCK : 0;
  return profile.latencyMs + (profile.bytesPerSecond ? (body / profile.bytesPerSecond) * 1000 : 0);
}

function serverExtra(profile: Profile): number {
  return serverCalls.reduce((sum, c) => sum + Math.max(0, c.ms - prescribedMs(c.endpoint, profile)), 0);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'feishu-upload-bench-'));
  const emu = await startEmulator({
    keepBytes: false,
    log: (line) => {
      const m = / (\S+) -> \d+ code=\d+ (\d+) ms /.exec(line);
      if (m) serverCalls.push({ endpoint: m[1], ms: Number(m[2]) });
    },
  });
  try {
    const file256 = makeFile(dir, 'bench-256MiB.bin', 256 * MiB);
    const rows: string[] = [];
    for (const profile of PROFILES) {
      emu.setShaping({ latencyMs: profile.latencyMs, bytesPerSecond: profile.bytesPerSecond });
      const ideal = idealMs(multipartCalls(256 * MiB, BLOCK), profile);
      const ours: Run[] = [];
      const sdk: Run[] = [];
      for (let i = 0; i < RUNS; i++) {
        // Interleaved, so drift in machine load hits both clients alike.
        ours.push(await runOurs(emu, file256, dir, profile));
        sdk.push(await runSdk(emu, file256, dir, profile));
        log(`profile ${profile.id} run ${i + 1}: ours ${fmt(ours[i])} | sdk ${fmt(sdk[i])}`);
      }
      rows.push(row(profile, ideal, ours, sdk));
    }
    emu.setShaping({});
    const file1g = makeFile(dir, 'bench-1GiB.bin', 1024 * MiB);
    const big = await runOurs(emu, file1g, dir, PROFILES[0]);
    log(`1 GiB, profile a: ${fmt(big)}`);
    writeReport(rows, big);
  } finally {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(STATE_HOME, { recursive: true, force: true });
  }
}

function row(p: Profile, ideal: number, ours: Run[], sdk: Run[]): string {
  const oursMs = median(ours.map((r) => r.ms));
  const extra = median(ours.map((r) => r.serverExtraMs));
  const sdkOk = sdk.filter((r) => r.ok);
  const sdkCell = sdkOk.length === sdk.length ? `${sec(median(sdk.map((r) => r.ms)))}` : `failed ${sdk.length - sdkOk.length}/${sdk.length} (${sdk.find((r) => !r.ok)?.note})`;
  const ratio = sdkOk.length === sdk.length ? `${(median(sdk.map((r) => r.ms)) / oursMs).toFixed(2)}×` : 'n/a';
  return [
    `(${p.id}) ${p.label}`,
    sec(ideal),
    `${sec(oursMs)} (${ours.filter((r) => r.ok).length}/${ours.length} ok)`,
    `${((ideal / oursMs) * 100).toFixed(1)} %`,
    sec(extra),
    `${(((ideal + extra) / oursMs) * 100).toFixed(1)} %`,
    String(ours.reduce((n, r) => n + r.violations, 0)),
    `${median(ours.map((r) => r.rssMiB)).toFixed(0)} MiB`,
    sdkCell,
    ratio,
    `${median(sdk.map((r) => r.rssMiB)).toFixed(0)} MiB`,
  ].join(' | ');
}

async function runOurs(emu: Emulator, file: string, dir: string, profile: Profile): Promise<Run> {
  emu.reset();
  serverCalls.length = 0;
  const rssOut = join(dir, 'rss-ours');
  const env = { ...baseEnv(emu), BENCH_RSS_OUT: rssOut };
  const { stdout, code } = await exec(process.execPath, ['-r', RSS_PROBE, CLI, 'upload', file, '--json'], env);
  const line = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { ok?: boolean; ms?: number; error?: { message?: string } };
  return {
    ok: code === 0 && line.ok === true,
    ms: line.ms ?? NaN,
    rssMiB: rss(rssOut),
    violations: emu.violations().length,
    serverExtraMs: serverExtra(profile),
    note: line.error?.message,
  };
}

async function runSdk(emu: Emulator, file: string, dir: string, profile: Profile): Promise<Run> {
  emu.reset();
  serverCalls.length = 0;
  const rssOut = join(dir, 'rss-sdk');
  const env = { ...baseEnv(emu), BENCH_RSS_OUT: rssOut, BENCH_FOLDER: emu.rootFolderToken };
  const { stdout } = await exec(process.execPath, ['-r', RSS_PROBE, SDK_CLIENT, file], env);
  const marked = stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  if (!marked) return { ok: false, ms: NaN, rssMiB: rss(rssOut), violations: emu.violations().length, serverExtraMs: serverExtra(profile), note: 'SDK client printed no result' };
  const o = JSON.parse(marked.slice('BENCH_RESULT '.length)) as { ok: boolean; ms: number; silentPartFailures: number; error?: string };
  const note = o.ok ? undefined : `${o.error}; ${o.silentPartFailures} parts silently lost to 1061045`;
  return { ok: o.ok, ms: o.ms, rssMiB: rss(rssOut), violations: emu.violations().length, serverExtraMs: serverExtra(profile), note };
}

/** Resume records of the measured runs: a folder of the benchmark's own, never the user's state folder. */
const STATE_HOME = mkdtempSync(join(tmpdir(), 'feishu-upload-bench-state-'));

function baseEnv(emu: Emulator): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, FEISHU_BASE_URL: emu.url, FEISHU_APP_ID: emu.appId, FEISHU_APP_SECRET: emu.appSecret, XDG_STATE_HOME: STATE_HOME };
}

function exec(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; code: number }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, maxBuffer: 16 * MiB }, (err, stdout) => resolve({ stdout, code: err ? Number((err as { code?: number }).code ?? 1) : 0 }));
  });
}

function makeFile(dir: string, name: string, size: number): string {
  const path = join(dir, name);
  const fd = openSync(path, 'w');
  const chunk = Buffer.allocUnsafe(16 * MiB);
  for (let at = 0; at < size; at += chunk.length) writeSync(fd, randomFillSync(chunk), 0, Math.min(chunk.length, size - at));
  closeSync(fd);
  return path;
}

function writeReport(rows: string[], big: Run): void {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const text = `# Benchmarks

Generated by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpu}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB RAM,
Linux ${release()}, Node ${process.version}. Medians of ${RUNS} runs per cell, both clients interleaved in the same run.
These machines are noisy: read ratios, not absolute seconds.

What is measured: one 256 MiB file (64 parts of 4 MiB) uploaded to a Drive folder of the bundled emulator, which
enforces Feishu's rules (5 calls/s per upload endpoint, one upload call in flight; a breach is answered with
1061045 and recorded as a violation) and shapes the network per profile (latency before each answer, request-body
bandwidth). **Ideal** is the fastest schedule those rules allow (calls back to back, no endpoint started more than
5 times in any 1 s window, each call costing body/bandwidth + latency). **Emulator processing** is the time the
emulator itself spent beyond that per call (multipart parsing, Adler-32 and SHA-256 of every part, the temp-file
write), summed over the upload from its own log: a real server has such a cost too, no client can go below it, and
the SDK pays it as well. **Ours** is \`feishu-upload upload\` as a
separate process (time as the CLI reports it: token, root folder, prepare, parts, finish), recording every confirmed part
for resume as it always does (a flushed temp file renamed into place, before the next part leaves). **SDK** is
@larksuiteoapi/node-sdk 1.74.0 the way its users write it: \`readFileSync\`, \`uploadPrepare\`, a plain
sequential \`uploadPart\` loop, \`uploadFinish\` (test/bench/sdkClient.ts). Peak RSS is the process's maxRSS.

| profile | ideal | ours (median) | ours vs ideal | emulator processing | ours vs ideal + processing | violations caused by ours | ours peak RSS | SDK (median) | SDK time / ours | SDK peak RSS |
|---|---|---|---|---|---|---|---|---|---|---|
${rows.map((r) => `| ${r} |`).join('\n')}

Reading it: in (a) and (b) the 5 calls/s rule is the bottleneck, the emulator's processing hides in the waits,
and "ours vs ideal" is the figure; what separates us from the ideal is the 25 ms safety margin per 1 s window
(Feishu counts arrivals, we can only count departures) and the service time of the last window. In (c) the link is
the bottleneck and every call is on the critical path, so the emulator's own work per part adds to any client's
wall time; "ours vs ideal + processing" is what the client itself costs there (its gaps between calls are ~5 ms:
the next block is read and checksummed while the current one is on the wire). The SDK fails in (a) and (b): its
uploadPart returns null on HTTP-200 errors, so parts refused with 1061045 go unnoticed until upload_finish answers
1062010; it also holds the whole file in memory.

1 GiB file, profile (a): ours ${sec(big.ms)}, ${big.ok ? 'completed' : `FAILED (${big.note})`}, peak RSS **${big.rssMiB.toFixed(0)} MiB**, ${big.violations} violations.

Targets (issue 2): ≥ 95 % of ideal in (b) and (c); zero 1061045 caused by our pacing; peak RSS < 100 MiB for 1 GiB.
`;
  writeSection(join(ROOT, 'BENCHMARKS.md'), 'bench', text);
  process.stdout.write(`\n${text}`);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const rss = (file: string): number => Number(readFileSync(file, 'utf8')) / 1024;
const fmt = (r: Run): string => `${r.ok ? 'ok' : 'FAIL'} ${sec(r.ms)} ${r.rssMiB.toFixed(0)} MiB${r.note ? ` (${r.note})` : ''}`;
const log = (s: string): void => void process.stderr.write(`${s}\n`);

void main();
