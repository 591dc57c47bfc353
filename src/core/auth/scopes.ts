/**
 * What a signed-in user is asked to grant: exactly what the features need (one of each feature's scopes, the
 * narrowest), plus offline_access for a refresh token (docs/feishu/auth.md §4, §10.3). README lists them with
 * the reason for each. A feature that needs more adds its line here.
 */
export const SCOPES_BY_FEATURE: Readonly<Record<string, readonly string[]>> = {
  /** drive/v1/files/upload_* into a folder. */
  uploadToFolder: ['drive:file:upload'],
  /** root_folder/meta: finds My Space, the default target of a signed-in user. */
  findMySpace: ['drive:drive.metadata:readonly'],
  /** docx blocks: append a file or image block, bind the upload (docs/feishu/docx.md). */
  documentBlocks: ['docx:document'],
  /** drive/v1/medias/upload_*: the bytes of a document block, and the source of an import. */
  documentMedia: ['docs:document.media:upload'],
  /** wiki get_node: a wiki link to a document. */
  wikiLinks: ['wiki:wiki:readonly'],
  /** drive/v1/import_tasks: create and follow an import. */
  importDocs: ['docs:document:import'],
  /** drive/v1/files listing: the folder picker, ls, and files already there (docs/feishu/drive.md §3). */
  browseFolders: ['space:document:retrieve'],
  /** create_folder: New folder…, mkdir, folder trees (drive.md §4). */
  makeFolders: ['space:folder:create'],
  /** PATCH permissions public: feishu.linkSharing / --link-sharing (drive.md §8). */
  linkSharing: ['docs:permission.setting:write_only'],
  /** DELETE drive/v1/files: a document that publishing could not finish goes to the recycle bin (drive.md §7). */
  deleteUnfinished: ['space:document:delete'],
  /** A refresh token, so the sign-in renews itself instead of ending after about 2 hours. */
  stayingSignedIn: ['offline_access'],
};

/** Every scope the sign-in asks for, in a stable order, without duplicates. */
export const REQUESTED_SCOPES: readonly string[] = [...new Set(Object.values(SCOPES_BY_FEATURE).flat())];

/** The asked-for scopes the grant lacks (Feishu leaves out what the app has not enabled: auth.md §10.3). */
export function missingScopes(requested: readonly string[], granted: readonly string[]): string[] {
  return requested.filter((s) => !granted.includes(s));
}
