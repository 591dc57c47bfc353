import type { FollowUpProblem } from '../../core';
import { showNotice } from '../errors/errorActions';
import { describeError } from '../errors/errorMessages';
import type { Services } from '../services/services';
import type { BatchResult } from './batch';
import { nameList } from './summary';

/**
 * After a batch: the files that were uploaded but whose link sharing (or the signed-in user's access) could not
 * be set, in one warning with the first reason and its buttons. Nothing when all went well.
 */
export async function showFollowUpProblems(services: Services, result: BatchResult): Promise<void> {
  const troubled = result.outcomes.flatMap((o) => (o.status === 'uploaded' && o.result.problems?.length ? [{ name: o.file.name, problems: o.result.problems }] : []));
  if (troubled.length === 0) return;
  const t = services.t;
  const first: FollowUpProblem = troubled[0].problems[0];
  const names = nameList(troubled.map((f) => f.name), t);
  const what = first.step === 'linkSharing' ? t('Uploaded {0}, but its link sharing could not be set.', names) : t('Uploaded {0}, but you could not be given access to it.', names);
  for (const f of troubled) for (const p of f.problems) services.log.failure(`${f.name}: ${p.step}`, p.error);
  const cause = describeError(first.error, t);
  await showNotice(services, 'warning', { text: `${what} ${cause.text}`, actions: cause.actions });
}
