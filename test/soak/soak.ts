// `npm run soak` (not part of `npm test`): 200 uploads of mixed sizes with `feishu-upload upload` against the
// emulator in a separate process, with at least 10 % of the calls faulted across every fault kind the emulator
// has, and the uploading processes killed at random points (SIGKILL, sometimes Ctrl-C) and started again.
// Checks that every file ends up stored exactly once and byte-identical, and that the bytes sent stay within
// the file bytes + one request per restart + the retried calls. Writes its figures into BENCHMARKS.md.
//
// SOAK_UPLOADS (default 200), SOAK_SEED (default: the time) and SOAK_FAULT_SHARE (default 0.13) tune it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { EmulatorStats, Fault } from '../../src/emulator';
import { writeSection } from '../bench/report';

const MiB = 1024 * 1024;
const BLOCK = 4 * MiB;
const ALL_MAX = 20 * MiB;
const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const UPLOADS = Number(process.env.SOAK_UPLOADS ?? 200);
const SEED = Number(process.env.SOAK_SEED ?? Date.now() % 2 ** 31);
const FAULT_SHARE = Number(process.env.SOAK_FAULT_SHARE ?? 0.13);
/** A run that has not ended after this long is stuck: the soak fails. */
const RUN_TIMEOUT_MS = 5 * 60_000;
const MAX_RUNS_PER_FILE = 40;

/** mulberry32: a small seeded PRNG, so a failing soak can be run again with SOAK_SEED. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(SEED);
const between = (lo: number, hi: number): number => Math.floor(lo + random() * (hi - lo + 1));
function pick<T>(weighted: [T, number][]): T {
  let r = random() * weighted.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of weighted) if ((r -= w) < 0) return v;
  return weighted[weighted.length - 1][0];
}

type SizeClass = 'tiny' | 'medium' | 'multipart';
function sizeOf(kind: SizeClass): number {
  if (kind === 'tiny') return between(1, 64 * 1024);
  if (kind === 'medium') return between(64 * 1024 + 1, ALL_MAX);
  return between(ALL_MAX + 1, 48 * MiB);
}

/** The faults the emulator has, weighted; `code` faults use retryable codes only (the upload must succeed). */
function randomFault(after: number): Fault {
  const kind = pick<string>([
    ['reset', 14],
    ['http500', 12],
    ['code:1061045', 10],
    ['code:1061001', 5],
    ['code:1061006', 5],
    ['rateLimit', 7],
    ['tokenExpired', 7],
    ['uploadIdExpired', 4],
    ['stall', 8],
    ['dropAnswer', 14],
    ['dropAnswer:finish', 6],
  ]);
  if (kind.startsWith('code:')) return { kind: 'code', code: Number(kind.slice(5)), after };
  switch (kind) {
    case 'rateLimit':
      return { kind: 'rateLimit', resetSeconds: 1, after };
    case 'stall':
      return { kind: 'stall', ms: between(200, 1500), after };
    case 'dropAnswer:finish':
      return { kind: 'dropAnswer', endpoint: 'upload_finish', after: Math.min(after, 2) };
    default:
      return { kind, after } as Fault;
  }
}

interface Emu {
  url: string;
  appId: string;
  appSecret: string;
  proc: ChildProcess;
}

async function startEmulatorProcess(): Promise<Emu> {
  // The emulator in its own process, like Feishu: it outlives every killed client and keeps their upload ids.
  const proc = spawn(process.execPath, [CLI, 'emulator', '--json', '--no-keep-bytes'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise<{ url: string; appId: string; appSecret: string }>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).once('line', (line) => resolve(JSON.parse(line) as { url: string; appId: string; appSecret: string }));
    proc.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { ...info, proc };
}

async function control<T>(emu: Emu, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emu.url}/__emulator/${path}`, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface EmuState {
  stats: EmulatorStats;
  violations: unknown[];
  files: { fileToken: string; name: string; size: number; sha256: string; parentNode: string }[];
}

interface RunOutcome {
  ok: boolean;
  killed?: 'SIGKILL' | 'SIGINT';
  code: number | null;
  line?: { ok: boolean; resumedFromPart?: number; recovered?: boolean; error?: { code: string | number } };
  resumedAt?: number;
  ms: number;
  /** The run's stderr, for the history of a file the soak finds wrong. */
  stderr: string;
}

function runUpload(env: NodeJS.ProcessEnv, file: string, folder: string, killAfterMs: number | undefined, signal: 'SIGKILL' | 'SIGINT'): Promise<RunOutcome> {
  const started = performance.now();
  const proc = spawn(process.execPath, [CLI, 'upload', file, '--folder', folder, '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let killed: RunOutcome['killed'];
  const killer =
    killAfterMs === undefined
      ? undefined
      : setTimeout(() => {
          if (proc.exitCode === null && proc.signalCode === null) {
            killed = signal;
            proc.kill(signal);
          }
        }, killAfterMs);
  const stuck = setTimeout(() => proc.kill('SIGKILL'), RUN_TIMEOUT_MS);
  return new Promise((resolve) => {
    proc.once('close', (code) => {
      clearTimeout(killer);
      clearTimeout(stuck);
      const last = stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
      const line = last ? (JSON.parse(last) as RunOutcome['line']) : undefined;
      const resumed = /resuming .* at part (\d+)\/\d+/.exec(stderr);
      // The JSON line is the report: a run killed after printing "ok" has uploaded the file (and said so), and
      // running it again would make a second copy, as it would for a person who saw the line.
      resolve({ ok: line?.ok === true, killed, code, line, resumedAt: resumed ? Number(resumed[1]) : undefined, ms: performance.now() - started, stderr });
    });
  });
}

function writeRandomFile(path: string, size: number): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'w');
  const chunk = Buffer.allocUnsafe(Math.min(size, 4 * MiB));
  for (let at = 0; at < size; at += chunk.length) {
    const part = chunk.subarray(0, Math.min(chunk.length, size - at));
    randomFillSync(part);
    hash.update(part);
    writeSync(fd, part);
  }
  closeSync(fd);
  return hash.digest('hex');
}

const median = (xs: number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
function violationNote(violations: unknown[]): string {
  const reasons = new Map<string, number>();
  for (const v of violations as { reason: string; endpoint: string }[]) reasons.set(`${v.reason} on ${v.endpoint}`, (reasons.get(`${v.reason} on ${v.endpoint}`) ?? 0) + 1);
  return reasons.size === 0 ? '' : ` (${[...reasons].map(([k, n]) => `${n} ${k}`).join(', ')})`;
}
/** One line per run: when a kill was due, how the run ended, its JSON line's gist and its stderr. */
function describeRun(n: number, killAt: number | undefined, signal: string, o: RunOutcome): string {
  const plan = killAt === undefined ? 'no kill' : `${signal} due at ${killAt} ms`;
  const end = o.killed ? `killed (${o.killed})` : `exit ${o.code}`;
  const said = o.line ? JSON.stringify({ ok: o.line.ok, recovered: o.line.recovered, resumedFromPart: o.line.resumedFromPart, error: o.line.error?.code }) : 'no JSON line';
  const stderr = o.stderr.trim().split('\n').filter(Boolean).slice(-4).join(' | ');
  return `run ${n}: ${plan}; ${end} after ${Math.round(o.ms)} ms; ${said}${stderr ? `; stderr: ${stderr}` : ''}`;
}
const mib = (b: number): string => `${(b / MiB).toFixed(1)} MiB`;
const log = (line: string): void => void process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'feishu-upload-soak-'));
  const emu = await startEmulatorProcess();
  const began = performance.now();
  try {
    const folders = await Promise.all([0, 1, 2, 3].map(() => control<{ token: string }>(emu, 'POST', 'folders').then((f) => f.token)));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      XDG_STATE_HOME: join(dir, 'state'),
      // The runs act as the app: no sign-in to read, and no keychain to ask.
      FEISHU_UPLOAD_CONFIG_DIR: join(dir, 'config'),
      FEISHU_UPLOAD_KEYCHAIN: '0',
      FEISHU_BASE_URL: emu.url,
      FEISHU_APP_ID: emu.appId,
      FEISHU_APP_SECRET: emu.appSecret,
    };
    const expected = new Map<string, { sha256: string; size: number; folder: string }>();
    // One of each kind first, so every kind fires however short the run (uploadIdExpired waits for a part).
    const everyKind: Fault[] = [
      { kind: 'reset', after: 3 },
      { kind: 'http500', after: 5 },
      { kind: 'code', code: 1061045, after: 7 },
      { kind: 'rateLimit', resetSeconds: 1, after: 9 },
      { kind: 'tokenExpired', after: 11 },
      { kind: 'uploadIdExpired', after: 4 },
      { kind: 'stall', ms: 500, after: 13 },
      { kind: 'dropAnswer', after: 15 },
    ];
    for (const fault of everyKind) await control(emu, 'POST', 'faults', fault);
    let injected = everyKind.length;
    let fileBytes = 0;
    let restartAllowance = 0;
    const kills = { SIGKILL: 0, SIGINT: 0 };
    const failures: string[] = [];
    const perFile: { kind: SizeClass; size: number; runs: number; ms: number; resumed: number; recovered: boolean }[] = [];
    // Every run of every file, printed for a file that ends up wrong: what was killed when, and what each run said.
    const history = new Map<string, string[]>();
    let runs = 0;

    for (let i = 0; i < UPLOADS; i++) {
      const kind = pick<SizeClass>([
        ['tiny', 30],
        ['medium', 25],
        ['multipart', 45],
      ]);
      const size = sizeOf(kind);
      const name = `soak-${String(i).padStart(3, '0')}-${kind}.bin`;
      const path = join(dir, name);
      const sha256 = writeRandomFile(path, size);
      const folder = folders[i % folders.length];
      expected.set(name, { sha256, size, folder });
      fileBytes += size;
      const parts = size > ALL_MAX ? Math.ceil(size / BLOCK) : 1;
      const entry = { kind, size, runs: 0, ms: 0, resumed: 0, recovered: false };
      let done = false;
      while (!done) {
        if (entry.runs >= MAX_RUNS_PER_FILE) throw new Error(`${name}: not uploaded after ${MAX_RUNS_PER_FILE} runs`);
        // Keep the faults topped up: fired + still armed ≥ FAULT_SHARE of all calls, this run's included.
        const state = await control<EmuState>(emu, 'GET', 'state');
        const calls = Object.values(state.stats.calls).reduce((s, n) => s + n, 0);
        const callsThisRun = parts + 4;
        // Every fault injected fires sooner or later (fired + still armed = injected).
        const deficit = Math.ceil(FAULT_SHARE * (calls + callsThisRun)) - injected;
        for (let k = 0; k < deficit; k++) {
          await control(emu, 'POST', 'faults', randomFault(between(0, Math.max(1, Math.round(callsThisRun * 1.5)))));
          injected++;
        }
        // Kill about a third of the runs at a random point of their expected duration.
        const estimateMs = 350 + parts * 230 + (size <= ALL_MAX ? size / (200 * MiB) : 0) * 1000;
        const kill = random() < 0.33 ? between(20, Math.round(estimateMs)) : undefined;
        const signal = random() < 0.75 ? 'SIGKILL' : 'SIGINT';
        const outcome = await runUpload(env, path, folder, kill, signal);
        history.set(name, [...(history.get(name) ?? []), describeRun(entry.runs + 1, kill, signal, outcome)]);
        runs++;
        entry.runs++;
        entry.ms += outcome.ms;
        if (outcome.resumedAt !== undefined) entry.resumed++;
        if (outcome.killed) kills[outcome.killed]++;
        if (outcome.killed && !outcome.ok) {
          // What one restart may cost: the request on the wire (a part, or a whole upload_all file).
          restartAllowance += size > ALL_MAX ? BLOCK : size;
        }
        if (outcome.ok) {
          done = true;
          entry.recovered = outcome.line?.recovered === true;
        } else if (!outcome.killed) {
          failures.push(`${name}: exit ${outcome.code} ${JSON.stringify(outcome.line?.error ?? 'no JSON line')}`);
        }
      }
      perFile.push(entry);
      rmSync(path);
      if ((i + 1) % 20 === 0) log(`${i + 1}/${UPLOADS} files, ${runs} runs, ${kills.SIGKILL + kills.SIGINT} kills, ${((performance.now() - began) / 1000).toFixed(0)} s`);
    }

    await control(emu, 'DELETE', 'faults');
    const state = await control<EmuState>(emu, 'GET', 'state');
    const { stats } = state;
    const problems: string[] = [];
    const histories: string[] = [];

    // 1. Every file stored exactly once, byte-identical, where it was sent.
    for (const [name, want] of expected) {
      const stored = state.files.filter((f) => f.name === name);
      if (stored.length !== 1) {
        problems.push(`${name}: stored ${stored.length} times`);
        histories.push(`${name} (${want.size} B):\n    ${(history.get(name) ?? []).join('\n    ')}`);
      }
      else if (stored[0].sha256 !== want.sha256 || stored[0].size !== want.size || stored[0].parentNode !== want.folder) problems.push(`${name}: stored bytes differ`);
    }
    if (state.files.length !== expected.size) problems.push(`${state.files.length} files stored for ${expected.size} uploads`);

    // 2. At least 10 % of the calls faulted, every fault kind among them.
    const calls = Object.values(stats.calls).reduce((s, n) => s + n, 0);
    const fired = Object.values(stats.faults).reduce((s, n) => s + n, 0);
    const kinds = ['reset', 'http500', 'code', 'rateLimit', 'tokenExpired', 'uploadIdExpired', 'stall', 'dropAnswer'];
    if (fired / calls < 0.1) problems.push(`only ${((fired / calls) * 100).toFixed(1)} % of calls faulted`);
    for (const k of kinds) if (!stats.faults[k]) problems.push(`fault kind ${k} never fired`);

    // 3. Bytes: sent ≤ file bytes + one request per restart + retried calls.
    const b = stats.uploadBytes;
    const sent = b.stored + b.duplicate + b.faulted + b.refused + b.aborted;
    const retried = b.faulted + b.refused + b.answerDropped + b.expired;
    const allowance = fileBytes + restartAllowance + retried;
    if (sent > allowance) problems.push(`sent ${sent} bytes > allowance ${allowance}`);
    // The same, without the slack: what was stored twice or left behind is explained by kills and lost answers.
    if (b.duplicate + b.open + b.aborted > restartAllowance + b.answerDropped) {
      problems.push(`duplicate ${b.duplicate} + open ${b.open} + aborted ${b.aborted} > restarts ${restartAllowance} + dropped answers ${b.answerDropped}`);
    }
    if (b.stored !== fileBytes + b.expired + b.open) problems.push(`stored ${b.stored} != files ${fileBytes} + expired ${b.expired} + open ${b.open}`);

    const wall = (performance.now() - began) / 1000;
    const count = (k: SizeClass): number => perFile.filter((f) => f.kind === k).length;
    const multipart = perFile.filter((f) => f.kind === 'multipart');
    const faultRows = Object.entries(stats.faults)
      .sort()
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    const result = problems.length === 0 ? '**passed**' : `**FAILED**: ${problems.slice(0, 10).join('; ')}`;
    const text = `## Soak: interrupted and faulted uploads (\`npm run soak\`)

Generated by \`npm run soak\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpu}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB RAM,
Linux ${release()}, Node ${process.version}; seed ${SEED} (\`SOAK_SEED=${SEED} npm run soak\` repeats the same sizes, faults and kills,
up to timing). ${UPLOADS} files uploaded one at a time with \`feishu-upload upload <file> --folder <folder> --json\`, each run a new
process, against \`feishu-upload emulator\` in its own process (so upload ids outlive every killed client). Faults were kept armed
at ${Math.round(FAULT_SHARE * 100)} % of the calls, at random calls; a third of the runs got a kill at a random moment of its expected duration
(3 in 4 SIGKILL, 1 in 4 SIGINT, i.e. Ctrl-C; a run that ended first was not killed), and the same command was run again until
it reported the file. Result: ${result}.

| figure | value |
|---|---|
| files | ${UPLOADS} (${count('tiny')} of 1 B-64 KiB, ${count('medium')} up to 20 MiB through upload_all, ${count('multipart')} of 20-48 MiB in 4 MiB parts), ${mib(fileBytes)} |
| stored exactly once, byte-identical (SHA-256) | ${UPLOADS - problems.filter((p) => p.startsWith('soak-')).length} / ${UPLOADS} |
| process runs | ${runs}: ${kills.SIGKILL} killed by SIGKILL, ${kills.SIGINT} by SIGINT, ${failures.length} failed on their own (${failures.length === 0 ? 'none' : failures.slice(0, 3).join('; ')}) |
| runs that continued an interrupted upload | ${perFile.reduce((s, f) => s + f.resumed, 0)}; files found in the folder instead of stored twice (a lost last answer, or a run stopped before its report): ${perFile.filter((f) => f.recovered).length} |
| API calls / faulted | ${calls} / ${fired} (${((fired / calls) * 100).toFixed(1)} %): ${faultRows} |
| bytes sent to upload_all / upload_part | ${mib(sent)} = ${((sent / fileBytes) * 100).toFixed(1)} % of the file bytes |
| allowance: files + one request per restart + retried calls | ${mib(fileBytes)} + ${mib(restartAllowance)} + ${mib(retried)} (faulted ${mib(b.faulted)}, refused ${mib(b.refused)}, answers dropped ${mib(b.answerDropped)}, lost to expired upload ids ${mib(b.expired)}) = ${mib(allowance)} |
| stored twice / cut off by a kill / left in open upload ids | ${mib(b.duplicate)} / ${mib(b.aborted)} / ${mib(b.open)} |
| 1061045 for going over 5 calls/s across processes (each process paces only its own calls; a run started within a second of the last one's calls can exceed the limit with them; retried) | ${state.violations.length}${violationNote(state.violations)} |
| median runs per multipart file / median time to stored | ${median(multipart.map((f) => f.runs))} / ${(median(multipart.map((f) => f.ms)) / 1000).toFixed(1)} s |
| wall time | ${(wall / 60).toFixed(1)} min |

"Sent" counts what reached the emulator: file bytes of every stored part (twice for a part stored twice) and the raw bodies of
faulted, refused and cut-off calls (their multipart framing included, so the figure errs high). A restart may cost the request on
the wire when the process died: a 4 MiB part, or a whole file up to 20 MiB, which upload_all sends in one request and no one can
resume. Everything else a restarted run sends is what Feishu does not hold yet.
`;
    writeSection(join(ROOT, 'BENCHMARKS.md'), 'soak', text);
    log(`\n${text}`);
    if (problems.length > 0) {
      for (const p of problems) log(`PROBLEM: ${p}`);
      for (const h of histories) log(`HISTORY of ${h}`);
      process.exitCode = 1;
    }
  } finally {
    emu.proc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((err: unknown) => {
  process.stderr.write(`soak: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
