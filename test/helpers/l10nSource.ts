import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import * as ts from 'typescript';
import { FEISHU_CODES, IMPORT_JOB_STATUSES, LOCAL_CODES, PUBLISH_NOTES, UNKNOWN_CODE, UNKNOWN_JOB_STATUS, WARNING_TEXTS } from '../../src/core';

/** The repository root, from out/test/unit/vscode/ (compiled) or test/unit/vscode/ (source). */
export const repoRoot = resolve(__dirname, __dirname.includes(`${join('out', 'test')}`) ? '../../..' : '../..');

export interface L10nUse {
  /** Literal first arguments of t(…) / l10n.t(…): the bundle keys. */
  readonly literals: ReadonlyMap<string, string[]>;
  /** Non-literal first arguments, as "file:line text". */
  readonly dynamic: readonly { where: string; text: string }[];
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/**
 * Every call whose callee is `t` or `….t`, and every `new UsageError('…')` template, in the sources people
 * read text from: the extension (src/vscode, src/extension.ts), the CLI (src/cli) and what the core shows
 * through a Translate it is given (the sign-in's browser page).
 */
export function l10nUse(): L10nUse {
  const files = [
    ...tsFiles(join(repoRoot, 'src', 'vscode')),
    join(repoRoot, 'src', 'extension.ts'),
    ...tsFiles(join(repoRoot, 'src', 'cli')),
    ...tsFiles(join(repoRoot, 'src', 'core')),
  ];
  const literals = new Map<string, string[]>();
  const dynamic: { where: string; text: string }[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      const translated = ts.isCallExpression(node) && isTranslateCallee(node.expression);
      const usageError = ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'UsageError';
      if ((translated || usageError) && node.arguments !== undefined && node.arguments.length > 0) {
        const arg = node.arguments[0];
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        const where = `${relative(repoRoot, file)}:${line}`;
        if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) literals.set(arg.text, [...(literals.get(arg.text) ?? []), where]);
        else dynamic.push({ where, text: arg.getText(source) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { literals, dynamic };
}

function isTranslateCallee(e: ts.Expression): boolean {
  return (ts.isIdentifier(e) && e.text === 't') || (ts.isPropertyAccessExpression(e) && e.name.text === 't');
}

/**
 * The core's texts kept as data, which the extension and the CLI translate by using them as keys: the
 * catalogue's English meanings and hints, publish warnings and the notes on what a failed publish left.
 */
export function catalogueStrings(): string[] {
  const entries = [...Object.values(FEISHU_CODES), ...Object.values(IMPORT_JOB_STATUSES), ...Object.values(LOCAL_CODES), UNKNOWN_CODE, UNKNOWN_JOB_STATUS];
  return [...new Set([...entries.flatMap((e) => [e.meaning, e.hint]), ...Object.values(WARNING_TEXTS), ...Object.values(PUBLISH_NOTES)])];
}

export function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(repoRoot, path), 'utf8')) as Record<string, unknown>;
}

/** vscode.l10n.t over a bundle file, failing on any key the bundle lacks. */
export function bundleTranslate(bundlePath: string): (message: string, ...args: Array<string | number | boolean>) => string {
  const bundle = readJson(bundlePath);
  return (message, ...args) => {
    const text = bundle[message];
    if (typeof text !== 'string') throw new Error(`${bundlePath} has no entry for ${JSON.stringify(message)}`);
    return text.replace(/\{(\d+)\}/g, (whole, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : whole));
  };
}
