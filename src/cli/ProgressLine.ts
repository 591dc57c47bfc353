import { english, Throughput, formatBytes, formatDuration, type Translate, type UploadProgress } from '../core';

/** One self-rewriting line on a TTY: file i of N, percent, bytes, speed, ETA. Redrawn at most every 100 ms. */
export class ProgressLine {
  private meter = new Throughput();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly t: Translate = english,
    private readonly now: () => number = () => performance.now(),
  ) {}

  start(): void {
    this.meter = new Throughput();
  }

  update(label: string, index: number, count: number, p: UploadProgress): void {
    const at = this.now();
    this.meter.add(at, p.bytesSent);
    if (at - this.lastDraw < 100 && p.bytesSent < p.totalBytes) return;
    this.lastDraw = at;
    const pct = p.totalBytes ? Math.floor((p.bytesSent / p.totalBytes) * 100) : 100;
    const width = 20;
    const filled = Math.round((pct / 100) * width);
    const speed = this.meter.bytesPerSecond();
    const eta = this.meter.etaSeconds(p.totalBytes - p.bytesSent);
    const parts = p.parts > 1 ? ` ${this.t('part {0}/{1}', p.part, p.parts)}` : '';
    const line =
      `[${index}/${count}] ${label} ${'#'.repeat(filled)}${'.'.repeat(width - filled)} ${pct}% ` +
      `${formatBytes(p.bytesSent)}/${formatBytes(p.totalBytes)}${parts}` +
      (speed ? ` ${formatBytes(speed)}/s` : '') +
      (eta !== undefined ? ` ${this.t('ETA {0}', formatDuration(eta))}` : '');
    this.note(line);
  }

  /** Replaces the line with `text`, e.g. a status while Feishu converts an import. */
  note(text: string): void {
    const cols = this.out.columns || 100;
    this.out.write(`\r${text.slice(0, cols - 1).padEnd(cols - 1)}`);
    this.drawn = true;
  }

  clear(): void {
    if (!this.drawn) return;
    const cols = this.out.columns || 100;
    this.out.write(`\r${' '.repeat(cols - 1)}\r`);
    this.drawn = false;
  }
}
