// Where the bytes sent to upload_all and upload_part went. A client that resumes right sends a file's bytes once,
// plus what faults, expiries and its own interruptions made it send again: these counters show each share.
import type { UploadByteStats } from './types';

export class UploadBytes {
  received = 0;
  stored = 0;
  duplicate = 0;
  expired = 0;
  answerDropped = 0;
  faulted = 0;
  refused = 0;
  aborted = 0;

  snapshot(open: number): UploadByteStats {
    const { received, stored, duplicate, expired, answerDropped, faulted, refused, aborted } = this;
    return { received, stored, duplicate, expired, open, answerDropped, faulted, refused, aborted };
  }

  reset(): void {
    this.received = this.stored = this.duplicate = this.expired = this.answerDropped = this.faulted = this.refused = this.aborted = 0;
  }
}

/** upload_all and upload_part carry file bytes; prepare and finish carry JSON. */
export function carriesFileBytes(endpoint: string): boolean {
  return /^drive\/v1\/(files|medias)\/upload_(all|part)$/.test(endpoint);
}
