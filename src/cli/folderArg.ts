import { FeishuError, parseFolderInput } from '../core';
import { UsageError } from './UsageError';

/** A --folder value (or ls's argument): the folder's token, undefined for none (My Space); a bad link is a usage error. */
export function folderArg(value: string | undefined): string | undefined {
  try {
    return parseFolderInput(value);
  } catch (err) {
    if (err instanceof FeishuError) throw UsageError.of(err);
    throw err;
  }
}
