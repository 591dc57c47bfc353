// Import tasks: each goes job_status 1 (initialising) → 2 (processing) → 0 with token and url, one step per
// poll; a failure queued with failNext ends the next task with that job_status instead.
import type { Documents } from './Documents';
import { newDriveToken, newNumericId } from './ids';

interface Failure {
  jobStatus: number;
  message?: string;
}

interface Task {
  ticket: string;
  type: string;
  title: string;
  polls: number;
  failure?: Failure;
  done?: { token: string; url: string };
}

/** Where each type's result lives under the web host. */
const URL_PATH: Readonly<Record<string, string>> = { docx: 'docx', sheet: 'sheets', bitable: 'base' };

export class ImportTasks {
  private readonly tasks = new Map<string, Task>();
  private readonly failures: Failure[] = [];

  constructor(
    private readonly documents: Documents,
    /** The emulator's own URL: result links point back at it. */
    private readonly baseUrl: () => string,
  ) {}

  failNext(jobStatus: number, message?: string): void {
    this.failures.push({ jobStatus, message });
  }

  create(type: string, title: string): string {
    const task: Task = { ticket: newNumericId(19), type, title, polls: 0, failure: this.failures.shift() };
    this.tasks.set(task.ticket, task);
    return task.ticket;
  }

  /** The task's `result` as Feishu sends it, one step further along; undefined for an unknown ticket. */
  poll(ticket: string): Record<string, unknown> | undefined {
    const task = this.tasks.get(ticket);
    if (!task) return undefined;
    task.polls++;
    const result = { ticket, type: task.type, job_error_msg: '', token: '', url: '', extra: [] as string[] };
    if (task.polls < 3) return { ...result, job_status: task.polls };
    if (task.failure) return { ...result, job_status: task.failure.jobStatus, job_error_msg: task.failure.message ?? `import failed with job_status ${task.failure.jobStatus}` };
    task.done ??= this.finish(task);
    return { ...result, job_status: 0, ...task.done };
  }

  clear(): void {
    this.tasks.clear();
    this.failures.length = 0;
  }

  /** A docx import becomes a real emulated document; sheets and Bases are just tokens. */
  private finish(task: Task): { token: string; url: string } {
    const token = task.type === 'docx' ? this.documents.create(task.title) : newDriveToken();
    return { token, url: `${this.baseUrl()}/${URL_PATH[task.type] ?? task.type}/${token}` };
  }
}
