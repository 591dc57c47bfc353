/**
 * The shape of vscode.l10n.t, shared by the extension and the CLI. Modules that hold logic take it as a
 * parameter so they run under node:test, where the vscode module cannot be loaded.
 */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** Fills {0}, {1}… the way vscode.l10n.t does. */
export function formatMessage(message: string, args: ReadonlyArray<string | number | boolean>): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const i = Number(index);
    return i < args.length ? String(args[i]) : whole;
  });
}

/** English as written in the source: the default, and what tests use. */
export const english: Translate = (message, ...args) => formatMessage(message, args);

/** A translator over a bundle of English → translated strings; anything missing stays English. */
export function bundleTranslator(bundle: Readonly<Record<string, string>>): Translate {
  return (message, ...args) => formatMessage(bundle[message] ?? message, args);
}
