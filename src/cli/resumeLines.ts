import { formatDuration, type KeptUpload, type ResumeInfo, type StartOverReason, type Translate } from '../core';

/** stderr, when an interrupted upload is continued: "resuming big.iso at part 21/41". */
export function resumeLine(t: Translate, name: string, info: ResumeInfo): string {
  return info.fromPart > info.parts
    ? t('resuming {0}: all {1} parts were sent, finishing', name, info.parts)
    : t('resuming {0} at part {1}/{2}', name, info.fromPart, info.parts);
}

/** stderr, when an interrupted upload was found but cannot be continued. */
export function startOverLine(t: Translate, name: string, reason: StartOverReason): string {
  switch (reason) {
    case 'changed':
      return t('{0} changed since its upload was interrupted; starting over', name);
    case 'expired':
      return t('the interrupted upload of {0} is too old to continue (Feishu keeps parts for 24 hours); starting over', name);
    case 'refused':
      return t('Feishu no longer holds the interrupted upload of {0}; starting over', name);
    case 'requested':
      return t('starting {0} over (--no-resume)', name);
  }
}

/** stderr, after a run that left an upload unfinished: how to continue it. */
export function keptLine(t: Translate, kept: KeptUpload, now: number, marginMs: number): string {
  const left = formatDuration(Math.max(0, kept.resumableUntil - marginMs - now) / 1000);
  return t('{0}: {1} of {2} parts are on Feishu; run the same command again within {3} to continue.', kept.name, kept.confirmedParts, kept.parts, left);
}
