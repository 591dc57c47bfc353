import * as path from 'node:path';
import * as vscode from 'vscode';
import { nodeFileSystem, parseDocumentInput } from '../../core';
import { uploadFilesToDocument } from '../documents/documentFlow';
import { importResources } from '../import/importFlow';
import { publishMarkdown } from '../publish/publishFlow';
import type { Services } from '../services/services';
import { uploadFiles } from '../upload/uploadFlow';
import type { HistoryEntry } from './UploadHistory';

/**
 * What Upload Again does for the kinds this extension records: the local file again to the same folder (Feishu
 * keeps both), into the same document, imported again, or published again (into its document, after the
 * confirmation that names it). Other features register their own kinds.
 */
export function registerUploadAgain(services: Services): { dispose(): void }[] {
  const file = async (entry: HistoryEntry) => {
    const size = (await nodeFileSystem.stat(entry.localPath!))?.size ?? 0;
    return { path: entry.localPath!, name: path.basename(entry.localPath!), size };
  };
  return [
    services.history.registerAgain('file', async (entry) => {
      if (entry.target.kind !== 'folder') return;
      const destination = { folderToken: entry.target.token || undefined, label: entry.target.label };
      await uploadFiles(services, { files: [await file(entry)], folders: [] }, destination, undefined, { onConflict: 'keep-both' });
    }),
    services.history.registerAgain('document', async (entry) => {
      if (entry.target.kind !== 'document') return;
      await uploadFilesToDocument(services, [await file(entry)], parseDocumentInput(entry.target.url ?? entry.target.id));
    }),
    services.history.registerAgain('import', async (entry) => importResources(services, [vscode.Uri.file(entry.localPath!)])),
    services.history.registerAgain('publish', async (entry) => publishMarkdown(services, vscode.Uri.file(entry.localPath!))),
  ];
}
