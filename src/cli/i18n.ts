import { bundleTranslator, english, FeishuError, type Translate } from '../core';
import zhCn from '../../l10n/bundle.l10n.zh-cn.json';

/**
 * The CLI speaks Simplified Chinese when the POSIX locale says so (LC_ALL, then LC_MESSAGES, then LANG, then
 * LANGUAGE, e.g. zh_CN.UTF-8), English otherwise. It shares the extension's bundle, so the catalogue's
 * messages and hints read the same in both. --json output stays English: it is for programs.
 */
export function cliLocale(env: NodeJS.ProcessEnv): 'zh-cn' | 'en' {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || env.LANGUAGE || '';
  return /^zh/i.test(locale) ? 'zh-cn' : 'en';
}

export function cliTranslate(env: NodeJS.ProcessEnv): Translate {
  return cliLocale(env) === 'zh-cn' ? bundleTranslator(zhCn as Record<string, string>) : english;
}

/**
 * What happened, in the user's language, with the untranslatable context (code, endpoint, log id) kept, and
 * what the failure left behind.
 */
export function describeError(e: FeishuError, t: Translate): string {
  const note = e.note ? ` ${t(e.note.text, ...e.note.args)}` : '';
  return `${t(e.meaning)}${e.detail ? ` ${e.detail}` : ''} (${e.context})${note}`;
}
