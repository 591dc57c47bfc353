import { FeishuError, type Translate } from '../../core';

/**
 * For an input box's validateInput: undefined when `check` accepts the text, else the parser's error as
 * one localised line (what is wrong, the detail, what to paste instead).
 */
export function inputProblem(check: () => unknown, t: Translate): string | undefined {
  try {
    check();
    return undefined;
  } catch (err) {
    if (!(err instanceof FeishuError)) throw err;
    return [t(err.meaning), err.detail, t(err.hint)].filter(Boolean).join(' ');
  }
}
