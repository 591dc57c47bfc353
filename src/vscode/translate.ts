/**
 * The shape of vscode.l10n.t. Modules that hold logic take it as a parameter so they run under node:test,
 * where the vscode module cannot be loaded; the extension passes the real one.
 */
export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

/** Fills {0}, {1}… the way vscode.l10n.t does when no translation applies. */
export function formatMessage(message: string, args: ReadonlyArray<string | number | boolean>): string {
  return message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const i = Number(index);
    return i < args.length ? String(args[i]) : whole;
  });
}

/** English as written in the source: the default in tests. */
export const english: Translate = (message, ...args) => formatMessage(message, args);
