/** The part of vscode.Uri the argument parsing looks at. */
export interface UriLike {
  readonly scheme: string;
  readonly fsPath: string;
}

function isUri(value: unknown): value is UriLike {
  return typeof value === 'object' && value !== null && typeof (value as UriLike).scheme === 'string' && typeof (value as UriLike).fsPath === 'string';
}

/**
 * The resources a menu passed: the Explorer gives (clicked, allSelected[]), editor menus give (uri) or
 * (uri, {groupId…}), the palette gives nothing (→ undefined, the caller falls back to the active editor).
 */
export function urisFromArgs(args: readonly unknown[]): UriLike[] | undefined {
  const [first, second] = args;
  if (Array.isArray(second) && second.length > 0 && second.every(isUri)) return second;
  if (isUri(first)) return [first];
  return undefined;
}
