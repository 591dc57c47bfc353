import * as path from 'node:path';
import * as vscode from 'vscode';
import type { IsExcluded } from '../../core';
import { compileExcludes, type ExcludeConfig, type ExcludeTest } from './excludeRules';

/**
 * files.exclude as the Explorer applies it: patterns of the workspace folder holding the path, matched
 * against the path relative to that folder. Outside any workspace folder only the name is matched.
 */
export function filesExcludeMatcher(): IsExcluded {
  const byFolder = new Map<string, ExcludeTest>();
  return (absolutePath, siblings) => {
    const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(absolutePath));
    const key = folder?.uri.toString() ?? '';
    let test = byFolder.get(key);
    if (!test) {
      test = compileExcludes(vscode.workspace.getConfiguration('files', folder?.uri).get<ExcludeConfig>('exclude'));
      byFolder.set(key, test);
    }
    const relative = folder ? path.relative(folder.uri.fsPath, absolutePath) : path.basename(absolutePath);
    return test(relative.split(path.sep).join('/'), siblings);
  };
}
