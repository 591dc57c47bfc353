// Compiled tests go to out/; stale files from renamed tests would otherwise still run.
import { rmSync } from 'node:fs';
rmSync(new URL('../out', import.meta.url), { recursive: true, force: true });
