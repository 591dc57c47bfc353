// Preloaded with `node -r` into a benchmarked process: on exit, writes its peak RSS (KiB) where asked.
import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_RSS_OUT;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
