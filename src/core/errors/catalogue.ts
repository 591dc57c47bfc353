/**
 * Every error code a user can meet, as data: Feishu's numeric codes (upload endpoints, docx blocks, wiki,
 * import tasks, auth, rate limits), the job_status values an import can end with, and our own string codes
 * for problems found before or around a call (bad input, network, protocol).
 * The English hint says what to do; the extension localises by code (src/vscode/errors/errorMessages.ts).
 */
export type ErrorCategory =
  | 'auth' // credentials wrong or expired: set them again
  | 'scope' // the app lacks an API scope: enable it in the developer console
  | 'permission' // the identity may not write to the target
  | 'quota' // tenant / user / folder limits reached
  | 'size' // file too big for the endpoint or edition
  | 'validation' // a request Feishu refused as malformed
  | 'notFound' // folder, document or upload point missing
  | 'compliance' // Feishu's content check refused the file
  | 'rate' // rate limited: retried automatically
  | 'transient' // server hiccup: retried automatically
  | 'network' // connection problems: retried automatically
  | 'input' // the local file or an argument is not usable
  | 'config' // settings / environment are missing or unsafe
  | 'cancelled' // the user stopped it
  | 'internal'; // a bug on our side or an unexpected answer

export interface CatalogueEntry {
  readonly category: ErrorCategory;
  /** Retried with backoff by the upload engine; reported only when retries run out. */
  readonly retryable: boolean;
  /** What the code means, one short English sentence. */
  readonly meaning: string;
  /** What the user can do about it, one short English sentence. */
  readonly hint: string;
}

const e = (category: ErrorCategory, retryable: boolean, meaning: string, hint: string): CatalogueEntry => ({
  category,
  retryable,
  meaning,
  hint,
});

const RETRY_LATER = 'Feishu had a temporary problem; it was retried automatically. Try again in a few minutes.';
const SET_CREDENTIALS = 'Set the App ID and App Secret again (Feishu: Set App Credentials, or FEISHU_APP_ID / FEISHU_APP_SECRET).';
const NEW_USER_TOKEN = 'Sign in again (Feishu: Sign In, or feishu-upload login). A pasted user access token has to be replaced by a new one.';
const SIGN_IN_AGAIN = 'Sign in again (Feishu: Sign In, or feishu-upload login).';
const SIGN_IN_BUG = 'Sign in again; if it happens again, report it with the log id.';
const ASK_ADMIN_APP = 'Ask your Feishu admin to install and enable the app for you, then sign in again.';
const ENABLE_SCOPE =
  'Enable the scope the message names for the app in the Feishu developer console (to upload: drive:drive, drive:file:upload or docs:document.media:upload), publish a new app version, then retry.';
const RESTART_UPLOAD = 'The upload session broke; upload the file again from the start.';
const REPORT = 'If it persists, report it with the log id.';
const OTHER_DOCUMENT = 'Upload into another document.';
const CHECK_FOLDER = 'Check the folder link or token; the app can only see folders shared with it.';
const IMPORT_AGAIN = 'Import the file again.';
const IMPORT_TYPES =
  'Import .md, .markdown, .txt, .html, .docx or .doc as docx; .xlsx as sheet or bitable; .xls as sheet; .csv as sheet or bitable.';
const IMPORT_LIMITS =
  'Split or shrink the file. Limits: .docx/.doc 600 MiB, .md/.txt/.html 20 MiB, .xlsx 800 MiB, .xls 20 MiB, .csv 20 MiB as a sheet or 100 MiB as a bitable.';
const EXTENSION_MATCH = 'Give the file its real extension (.md, .docx, .xlsx, .csv …) and import it again.';
const TYPE_MATCH = 'Choose a type this file can become: text and Word files as docx, .xlsx and .csv as sheet or bitable, .xls as sheet.';
const SPLIT_FILE = 'Split the file into smaller ones and import them.';
const SHARING_RIGHTS = 'Ask the folder\'s owner for full access, or set link sharing by hand in Feishu.';
const ANYONE_OFF = 'Use link sharing within the organisation (tenant_readable or tenant_editable), or ask your Feishu admin.';
const REAL_FORMAT = 'Check that the file really is what its extension says (e.g. a .docx saved by Word), then import it again.';

/** Feishu's codes: the upload_part error table, the other upload endpoints, tenant token and gateway codes. */
export const FEISHU_CODES: Readonly<Record<number, CatalogueEntry>> = {
  // Upload endpoints (drive/v1/files/* and drive/v1/medias/*)
  1061001: e('transient', true, 'Feishu internal error.', RETRY_LATER),
  1061002: e('validation', false, 'Feishu rejected the request parameters.', 'Check the target (folder, parent type and node) and the file; if it persists, report it with the log id.'),
  1061003: e('notFound', false, 'The target was not found.', 'Check that the folder or document still exists and the link is right.'),
  1061004: e('permission', false, 'No permission to upload to this folder or document.', 'Give the app (or user) edit permission: share the folder or document with a group that contains the app\'s bot, or pick a folder you own.'),
  1061005: e('auth', false, 'Feishu did not accept this identity for uploads.', SET_CREDENTIALS),
  1061006: e('transient', true, 'Feishu timed out internally.', RETRY_LATER),
  1061007: e('notFound', false, 'The target node has been deleted.', 'Choose another folder or document.'),
  1061008: e('validation', false, 'The file name is empty or too long.', 'Rename the file to 1-250 characters.'),
  1061021: e('transient', false, 'The upload session expired.', RESTART_UPLOAD),
  1061022: e('transient', true, 'File version conflict.', RETRY_LATER),
  1061041: e('notFound', false, 'The target folder or document has been deleted.', 'Choose another folder or document.'),
  1061042: e('quota', false, 'Too many files have been uploaded to this target.', 'Upload into another folder or document.'),
  1061043: e('size', false, 'The file is larger than this Feishu edition allows.', 'Check the size limit of your Feishu plan (help center article 360049067549); split or compress the file.'),
  1061044: e('notFound', false, 'The target folder or upload point does not exist.', CHECK_FOLDER),
  1061045: e('rate', true, 'Feishu asked to retry later (rate or concurrency limit).', RETRY_LATER),
  1061061: e('quota', false, 'The personal storage quota is full.', 'Free space in your Feishu Drive or ask your admin for more.'),
  1061073: e('scope', false, 'The app has no scope for this API.', ENABLE_SCOPE),
  1061101: e('quota', false, 'The tenant storage quota is full.', 'Ask your Feishu admin to free or buy storage.'),
  1061109: e('compliance', false, 'Feishu\'s compliance check refused the file name.', 'Rename the file and try again.'),
  1061113: e('compliance', false, 'Feishu\'s compliance check refused the file content.', 'This file cannot be uploaded to Feishu.'),
  1061500: e('notFound', false, 'The mount point of the target is gone.', 'Choose another folder.'),
  1061547: e('quota', false, 'The document holds too many attachments.', OTHER_DOCUMENT),
  1062004: e('transient', true, 'Feishu is still generating the thumbnail.', RETRY_LATER),
  1062005: e('validation', false, 'This file type has no thumbnail.', 'Nothing to do: the file itself is fine.'),
  1062006: e('transient', true, 'The thumbnail does not exist yet.', RETRY_LATER),
  1062007: e('auth', false, 'The upload was started by a different identity.', 'Do not switch credentials during an upload; upload the file again.'),
  1062008: e('validation', false, 'A checksum did not match: the bytes changed on the way or the file changed while uploading.', 'Upload the file again; do not edit it while it uploads.'),
  1062009: e('validation', false, 'The bytes sent do not match the declared size.', 'The file may have changed during the upload; upload it again.'),
  1062010: e('validation', false, 'Some blocks of the upload are missing.', RESTART_UPLOAD),
  1062011: e('validation', false, 'A block number is out of range.', RESTART_UPLOAD),
  1062012: e('transient', true, 'The file is still being copied.', RETRY_LATER),
  1062013: e('validation', false, 'The file is damaged on Feishu\'s side.', 'Upload the file again.'),
  1062014: e('permission', false, 'Instant upload (dedupe) is not allowed.', 'Upload the file normally.'),
  1062051: e('network', true, 'The connection closed while uploading.', 'Check your network and try again.'),
  1062505: e('quota', false, 'The Drive holds too many files and folders (400,000 at most).', 'Delete or archive files in the Drive.'),
  1062506: e('quota', false, 'The folder is nested too deep (15 levels at most).', 'Upload into a folder nearer the root.'),
  1062507: e('quota', false, 'The folder holds too many items (1,500 at most in one level).', 'Upload into another folder.'),
  1064230: e('transient', true, 'The Drive is locked for data migration.', RETRY_LATER),
  // Drive folders: listing, create_folder (docs/feishu/drive.md §3.3, §4)
  1064001: e('validation', false, 'Feishu refused the page size of the folder listing.', REPORT),
  1064510: e('permission', false, 'Feishu does not allow this across organisations (tenants).', 'Use a folder of your own organisation.'),
  1064511: e('permission', false, 'Feishu does not allow this across Feishu and Lark.', 'Use a folder on the same platform (Feishu or Lark) as the app.'),
  // Permissions: link sharing and collaborators (docs/feishu/drive.md §10)
  1063001: e('validation', false, 'Feishu refused the sharing request as invalid.', REPORT),
  1063002: e('permission', false, 'No permission to change who can open this file.', SHARING_RIGHTS),
  1063003: e('permission', false, 'Feishu refused the sharing change (collaborator limit, organisation policy, or who can see whom).', 'Ask your Feishu admin whether the organisation allows it, or share the file by hand in Feishu.'),
  1063004: e('permission', false, 'You may not share this file.', SHARING_RIGHTS),
  1063005: e('notFound', false, 'The file to share has been deleted.', 'Upload it again.'),
  1063006: e('rate', true, 'Too many sharing changes at once.', RETRY_LATER),
  1066001: e('transient', true, 'Feishu\'s permission service had an internal error.', RETRY_LATER),
  1066002: e('transient', true, 'Feishu\'s permission service was busy with another change.', RETRY_LATER),
  91009: e('permission', false, 'The organisation\'s security policy forbids sharing outside it.', ANYONE_OFF),
  91010: e('permission', false, 'Sharing outside the organisation is off for this file.', ANYONE_OFF),
  91011: e('permission', false, 'The file\'s security label forbids sharing outside the organisation.', ANYONE_OFF),
  91012: e('permission', false, 'The file\'s security label forbids this sharing setting.', 'Choose another link sharing setting, or ask your Feishu admin about the security label.'),
  // Docx blocks (docx/v1/documents/*)
  1770001: e('validation', false, 'Feishu rejected the document request as invalid.', `Check the document link. ${REPORT}`),
  1770002: e('notFound', false, 'The document or block was not found.', 'Check that the document still exists and the link is right; the app can only see documents shared with it.'),
  1770003: e('notFound', false, 'The document or block has been deleted.', 'Choose another folder or document.'),
  1770004: e('quota', false, 'The document holds too many blocks.', OTHER_DOCUMENT),
  1770005: e('quota', false, 'The document is nested too deep.', OTHER_DOCUMENT),
  1770006: e('validation', false, 'The document structure is not what Feishu expects.', REPORT),
  1770007: e('quota', false, 'The document holds too many blocks at one level.', OTHER_DOCUMENT),
  1770008: e('size', false, 'The file is too large for a document block.', 'Upload it to a Drive folder instead and put its link in the document.'),
  1770013: e('validation', false, 'The uploaded file does not belong to this block.', `Upload the file again. ${REPORT}`),
  1770014: e('validation', false, 'The block is not a child of the given parent.', REPORT),
  1770015: e('validation', false, 'The block belongs to another document.', REPORT),
  1770020: e('transient', false, 'The document is being copied and cannot be edited now.', 'Try again in a few minutes.'),
  1770021: e('transient', false, 'The document changed while the file was being added.', 'Upload the file again.'),
  1770022: e('validation', false, 'The document id is not valid.', 'Check the document link.'),
  1770024: e('validation', false, 'Feishu refused this change to the document.', REPORT),
  1770025: e('validation', false, 'This change does not fit the block type.', REPORT),
  1770032: e('permission', false, 'No permission to edit this document.', 'Give the app (or user) edit permission on the document: share it with a group that contains the app\'s bot, or add the user as an editor.'),
  1771001: e('transient', true, 'Feishu\'s document service had an internal error.', RETRY_LATER),
  // Wiki (wiki/v2/spaces/get_node)
  131002: e('validation', false, 'Feishu rejected the wiki request.', 'Check the wiki link.'),
  131005: e('notFound', false, 'The wiki page was not found.', 'Check the wiki link; the app can only see wiki spaces it has been added to.'),
  131006: e('permission', false, 'No permission to read this wiki page.', 'Add the app (or user) to the wiki space, or share the page with it.'),
  // Import tasks (drive/v1/import_tasks)
  1069901: e('transient', true, 'Feishu\'s import service had an internal error.', RETRY_LATER),
  1069902: e('permission', false, 'No permission to import.', 'Enable docs:document:import (or drive:drive) for the app, and give it edit permission on the target folder.'),
  1069903: e('transient', true, 'Feishu\'s import service had an internal error.', RETRY_LATER),
  1069904: e('validation', false, 'Feishu rejected the import parameters.', `Check the file's extension and the import type. ${REPORT}`),
  1069905: e('transient', true, 'Feishu\'s import service had an internal error.', RETRY_LATER),
  1069906: e('notFound', false, 'The imported document has been deleted.', IMPORT_AGAIN),
  1069907: e('notFound', false, 'The uploaded file for the import was not found.', IMPORT_AGAIN),
  1069908: e('permission', false, 'The target folder does not exist or cannot be written.', CHECK_FOLDER),
  1069909: e('size', false, 'The file is larger than Feishu imports allow.', IMPORT_LIMITS),
  1069910: e('validation', false, 'The file extension does not match the import.', EXTENSION_MATCH),
  1069911: e('validation', false, 'The file type does not match the import type.', TYPE_MATCH),
  1069912: e('notFound', false, 'The target folder does not exist.', CHECK_FOLDER),
  1069913: e('transient', false, 'The uploaded file expired before the import started (after 5 minutes).', IMPORT_AGAIN),
  1069914: e('validation', false, 'The file token of the import is not valid.', IMPORT_AGAIN),
  1069923: e('rate', true, 'Too many imports at once.', RETRY_LATER),
  // Signing in: the v2 token endpoint authen/v2/oauth/token (docs/feishu/auth.md §9) and the authorize page
  20001: e('validation', false, 'The sign-in request lacked a required field.', SIGN_IN_BUG),
  20002: e('auth', false, 'Feishu refused the App Secret while signing in.', 'The App Secret is wrong or was reset: set the App ID and App Secret again (Feishu: Set App Credentials, or FEISHU_APP_ID / FEISHU_APP_SECRET), then sign in.'),
  20003: e('auth', false, 'The sign-in code was not found.', SIGN_IN_AGAIN),
  20004: e('auth', false, 'The sign-in code expired (codes live 5 minutes).', 'Sign in again and finish within 5 minutes of approving.'),
  20008: e('auth', false, 'Feishu says this user does not exist.', 'Sign in with an account of your organisation.'),
  20009: e('auth', false, 'The app is not installed in your organisation.', ASK_ADMIN_APP),
  20010: e('auth', false, 'You may not use this app.', 'Ask your Feishu admin to make the app available to you (its availability range), then sign in again.'),
  20024: e('auth', false, 'The sign-in belongs to another app.', 'The App ID changed since you signed in: sign in again with the current app.'),
  20026: e('auth', false, 'The saved sign-in is no longer valid.', SIGN_IN_AGAIN),
  20027: e('scope', false, 'The app has not enabled a scope the sign-in asks for.', 'Enable the scopes listed in the README for the app in the Feishu developer console, publish a new version, then sign in again.'),
  20036: e('validation', false, 'Feishu does not support this kind of sign-in request.', SIGN_IN_BUG),
  20037: e('auth', false, 'Your sign-in has expired.', 'Sign in again (Feishu: Sign In, or feishu-upload login). A sign-in lasts 7 days without use, and at most 365 days.'),
  20048: e('auth', false, 'The App ID used for signing in does not exist.', SET_CREDENTIALS),
  20049: e('auth', false, 'The sign-in failed its PKCE check.', SIGN_IN_BUG),
  20050: e('transient', true, 'Feishu had a problem signing you in.', 'Try again in a moment.'),
  20063: e('validation', false, 'Feishu could not read the sign-in request.', SIGN_IN_BUG),
  20064: e('auth', false, 'Your sign-in was revoked.', 'You (or an admin) withdrew the app\'s access: sign in again (Feishu: Sign In, or feishu-upload login).'),
  20065: e('auth', false, 'The sign-in code was already used.', SIGN_IN_AGAIN),
  20066: e('auth', false, 'Your Feishu account cannot sign in right now (deactivated or suspended).', 'Ask your Feishu admin about your account.'),
  20067: e('validation', false, 'A scope was asked for twice.', SIGN_IN_BUG),
  20068: e('scope', false, 'A scope was asked for that you have not granted.', 'Sign in again and grant the scopes the app asks for.'),
  20069: e('auth', false, 'The app is disabled.', 'Enable the app in the Feishu developer console (or ask your admin), then sign in again.'),
  20070: e('validation', false, 'The sign-in request sent the app credentials twice.', SIGN_IN_BUG),
  20071: e('auth', false, 'The redirect URL of this sign-in is not the one Feishu expects.', 'Add the redirect URL shown in the log (by default http://127.0.0.1:47123/callback) to the app\'s security settings in the Feishu developer console, or sign in with a code instead.'),
  20072: e('transient', true, 'Feishu\'s sign-in service is temporarily unavailable.', 'Try again in a few minutes.'),
  20073: e('auth', false, 'The saved sign-in was already renewed elsewhere and could not be picked up.', SIGN_IN_AGAIN),
  20074: e('auth', false, 'The app may not renew user sign-ins.', 'Turn on refreshing user_access_token in the app\'s security settings in the Feishu developer console; until then sign in again when the sign-in expires (about 2 hours).'),
  // Tenant / app token
  10003: e('auth', false, 'App ID or App Secret is missing or malformed.', SET_CREDENTIALS),
  10014: e('auth', false, 'The App ID is unknown or the app is not authorised.', SET_CREDENTIALS),
  10015: e('auth', false, 'The App Secret is wrong.', SET_CREDENTIALS),
  // Gateway: auth, scope, limits
  99991400: e('rate', true, 'Feishu rate limit reached.', RETRY_LATER),
  99991401: e('permission', false, 'Your IP address is not in the app\'s allow-list.', 'Add this machine\'s IP to the app\'s IP allow-list in the developer console.'),
  99991403: e('quota', false, 'The app\'s monthly API quota is used up.', 'Wait for next month or upgrade the Feishu plan.'),
  99991543: e('auth', false, 'The App ID or App Secret does not exist.', SET_CREDENTIALS),
  99991661: e('auth', false, 'No access token was sent.', SET_CREDENTIALS),
  99991662: e('auth', false, 'The app is disabled.', 'Enable the app in the Feishu developer console.'),
  99991663: e('auth', false, 'The tenant access token is invalid or expired.', SET_CREDENTIALS),
  99991664: e('auth', false, 'The app access token is invalid.', SET_CREDENTIALS),
  99991665: e('auth', false, 'The tenant token is invalid.', SET_CREDENTIALS),
  99991668: e('auth', false, 'The user access token is invalid or expired.', NEW_USER_TOKEN),
  99991669: e('auth', false, 'The user refresh token is invalid.', NEW_USER_TOKEN),
  99991671: e('auth', false, 'The access token is malformed.', SET_CREDENTIALS),
  99991672: e('scope', false, 'The app has not enabled a scope this API needs.', ENABLE_SCOPE),
  99991673: e('auth', false, 'The app is not available in this tenant.', 'Ask your Feishu admin to install or enable the app.'),
  99991676: e('scope', false, 'The token lacks the scope this API needs.', ENABLE_SCOPE),
  99991677: e('auth', false, 'The user access token has expired.', NEW_USER_TOKEN),
  99991679: e('scope', false, 'The user has not granted the scope this API needs.', 'Sign in again and grant the missing scope (Feishu: Sign In, or feishu-upload login); the app must have it enabled too.'),
  99992402: e('validation', false, 'Feishu rejected a field of the request.', 'Check the parent type and node; if it persists, report it with the log id.'),
};

const INTERNAL_IMPORT = e('transient', false, 'Feishu could not finish the import because of an internal error.', 'Try the import again in a few minutes.');

/**
 * How an import task can end (job_status of drive/v1/import_tasks/:ticket, docs/feishu/import.md §6): 0 is
 * success, 1 and 2 mean "still running"; every other value is a failure listed here.
 */
export const IMPORT_JOB_STATUSES: Readonly<Record<number, CatalogueEntry>> = {
  3: INTERNAL_IMPORT,
  100: e('input', false, 'The file is encrypted or password-protected.', 'Remove the password, then import the file again.'),
  101: INTERNAL_IMPORT,
  102: INTERNAL_IMPORT,
  103: INTERNAL_IMPORT,
  104: e('quota', false, 'The tenant has no import quota left.', 'Ask your Feishu admin to free or buy storage.'),
  105: e('quota', false, 'The target folder holds too many items.', 'Import into another folder.'),
  106: INTERNAL_IMPORT,
  108: e('transient', false, 'Feishu stopped the import because it took too long.', SPLIT_FILE),
  109: INTERNAL_IMPORT,
  110: e('permission', false, 'No permission to import.', 'Give the app (or user) edit permission on the target folder.'),
  112: e('validation', false, 'Feishu cannot import this format.', REAL_FORMAT),
  113: e('validation', false, 'Feishu cannot import this Office format.', REAL_FORMAT),
  114: INTERNAL_IMPORT,
  115: e('size', false, 'The file is larger than Feishu imports allow.', IMPORT_LIMITS),
  116: e('permission', false, 'No permission on the target folder.', 'Choose a folder the app (or user) can edit.'),
  117: e('notFound', false, 'The target folder has been deleted.', 'Choose another folder.'),
  118: e('validation', false, 'The file extension does not match the import.', EXTENSION_MATCH),
  119: e('notFound', false, 'The target folder does not exist.', CHECK_FOLDER),
  120: e('validation', false, 'The file type does not match the import type.', TYPE_MATCH),
  121: e('transient', false, 'The uploaded file expired before Feishu imported it.', IMPORT_AGAIN),
  122: e('transient', false, 'The import is blocked while a copy of the document is being made.', 'Try again in a few minutes.'),
  129: e('validation', false, 'The file is damaged.', 'Open the file, save it again, then import it.'),
  5000: INTERNAL_IMPORT,
  7000: e('quota', false, 'The document would hold more blocks than Feishu allows.', SPLIT_FILE),
  7001: e('quota', false, 'The document would be nested deeper than Feishu allows.', 'Flatten deeply nested lists or quotes, or split the file.'),
  7002: e('size', false, 'The document would be larger than Feishu allows.', SPLIT_FILE),
};

/** A job_status this tool has never seen. */
export const UNKNOWN_JOB_STATUS: CatalogueEntry = e(
  'internal',
  false,
  'The import failed with a status this tool does not know.',
  'Check the message and try again; report it if it persists.',
);

/** Our own codes: problems found locally or around the HTTP exchange. */
export const LOCAL_CODES = {
  FILE_NOT_FOUND: e('input', false, 'The file does not exist.', 'Check the path.'),
  FILE_UNREADABLE: e('input', false, 'The file cannot be read.', 'Check the file\'s permissions.'),
  IS_DIRECTORY: e('input', false, 'This is a folder, not a file.', 'Pick files (the extension uploads a folder\'s files when you right-click the folder).'),
  FILE_EMPTY: e('input', false, 'The file is empty (0 bytes); Feishu\'s upload API only accepts files of 1 byte or more.', 'Add content to the file, or skip it.'),
  FILE_CHANGED: e('input', false, 'The file changed size while it was being uploaded.', 'Wait until the file is no longer being written, then upload it again.'),
  NAME_TOO_LONG: e('input', false, 'The file name is longer than Feishu\'s 250 characters.', 'Rename the file to 250 characters or fewer.'),
  NO_CREDENTIALS: e('config', false, 'No Feishu credentials are set.', 'Set FEISHU_APP_ID and FEISHU_APP_SECRET (a custom app\'s credentials) or FEISHU_ACCESS_TOKEN (a user access token).'),
  BAD_FOLDER: e('input', false, 'This is not a Feishu folder link or token.', 'Paste a folder link like https://example.feishu.cn/drive/folder/<token>, or the token alone.'),
  BAD_FOLDER_NAME: e('input', false, 'Feishu cannot name a folder like this.', 'Use a name of 1 to 256 bytes (about 85 Chinese characters).'),
  BAD_BASE_URL: e('config', false, 'The API base URL is not allowed.', 'Use an https:// URL (http:// only for 127.0.0.1 or localhost), or leave it empty to use the brand\'s default.'),
  BAD_TARGET: e('input', false, 'The upload target is incomplete.', 'Give both a parent type and a parent node for document media, and valid JSON for extra.'),
  BAD_DOCUMENT: e('input', false, 'This is not a Feishu document link.', 'Paste a document link like https://example.feishu.cn/docx/<id>, or a wiki link like https://example.feishu.cn/wiki/<token>.'),
  NOT_A_DOCX: e('input', false, 'Files can only be added to documents (docx), and this is not one.', 'Pick a document: a /docx/ link, or a wiki page that is a document. Sheets, Bases, mind notes, files and legacy docs cannot hold files.'),
  IMPORT_UNSUPPORTED: e('input', false, 'This file cannot be imported as that kind of Feishu document.', IMPORT_TYPES),
  IMPORT_TOO_LARGE: e('size', false, 'The file is larger than Feishu imports allow for this type.', IMPORT_LIMITS),
  IMPORT_TIMEOUT: e('transient', false, 'Feishu did not finish the import in time.', 'Feishu may still finish it: look in the target folder in a few minutes, or import the file again.'),
  // Publishing Markdown as a document (src/core/publish)
  NOT_MARKDOWN: e('input', false, 'Only Markdown files can be published as Feishu documents.', 'Pick a .md or .markdown file.'),
  MARKDOWN_TOO_LARGE: e('size', false, 'The Markdown file is larger than 20 MiB, more than a Feishu document holds.', 'Split it into smaller files and publish each.'),
  BLOCK_TOO_LARGE: e('size', false, 'A table is too large to publish: Feishu inserts at most 1,000 blocks at once, and a table goes in whole.', 'Split the table into smaller ones.'),
  FOLDER_UNAVAILABLE: e('notFound', false, 'The folder for the new document was not found, or you may not create documents in it.', 'Check the folder link or token; an app can only create documents in folders it created or that were shared with it.'),
  DOCUMENT_UNAVAILABLE: e('notFound', false, 'The document this file was published to is gone, or you can no longer edit it.', 'Publish the file as a new document, or ask the document\'s owner for edit permission.'),
  NETWORK: e('network', true, 'Could not reach Feishu.', 'Check your network, proxy and the API base URL, then try again.'),
  TIMEOUT: e('network', true, 'Feishu did not answer in time.', 'Check your network and try again.'),
  HTTP_ERROR: e('transient', true, 'Feishu answered with an unexpected HTTP error.', RETRY_LATER),
  BAD_RESPONSE: e('internal', false, 'Feishu sent an answer this tool does not understand.', 'Report it with the log id.'),
  CANCELLED: e('cancelled', false, 'The upload was cancelled.', 'Nothing to do; upload again when you want.'),
  // Signing in (docs/feishu/auth.md §4-§10)
  NOT_SIGNED_IN: e('auth', false, 'You are not signed in to Feishu.', 'Sign in (Feishu: Sign In, or feishu-upload login), or act as the app.'),
  NO_APP_CREDENTIALS: e('config', false, 'Signing in needs the App ID and App Secret of your custom app.', 'Set them first (Feishu: Set App Credentials, or FEISHU_APP_ID and FEISHU_APP_SECRET).'),
  SIGN_IN_DENIED: e('auth', false, 'The sign-in was refused on Feishu\'s page.', 'Sign in again and choose Approve.'),
  SIGN_IN_TIMEOUT: e('auth', false, 'The sign-in was not finished in time.', 'Sign in again and approve in the browser within a few minutes; where the browser cannot reach this machine, sign in with a code.'),
  SIGN_IN_STATE_MISMATCH: e('auth', false, 'The answer from Feishu\'s page does not belong to this sign-in.', 'Sign in again, and use only the newest sign-in tab.'),
  SIGN_IN_CODE_EXPIRED: e('auth', false, 'The sign-in code expired before it was approved.', 'Sign in again and approve the code before it expires.'),
  SIGN_IN_PORT_IN_USE: e('config', false, 'The sign-in port on 127.0.0.1 is already in use.', 'Close the program that uses it, or pick another port (setting feishu.signInPort, or login --port) and add its redirect URL to the app\'s security settings; or sign in with a code.'),
  SIGN_IN_REFUSED: e('auth', false, 'Feishu refused to start the sign-in.', 'Check the App ID and App Secret, and that the app has the scopes it asks for enabled.'),
  // Resuming interrupted uploads (src/core/upload/resume/)
  UPLOAD_IN_PROGRESS: e('input', false, 'This file is already being uploaded to the same place by another window or process.', 'Wait for that upload to finish or stop it, then upload again: it continues where it stopped.'),
  FINISH_UNCONFIRMED: e(
    'input',
    false,
    'The answer to the last step of this upload was lost, and the folder could not be checked for the file.',
    'Look in the Feishu folder before uploading it again: the file may be there already.',
  ),
} as const satisfies Record<string, CatalogueEntry>;

export type LocalCode = keyof typeof LOCAL_CODES;
/** An import task that ended with this job_status. */
export type ImportJobCode = `IMPORT_JOB_${number}`;
export type ErrorCode = number | LocalCode | ImportJobCode;

export function importJobCode(jobStatus: number): ImportJobCode {
  return `IMPORT_JOB_${jobStatus}`;
}

/** The job_status an error code stands for, or undefined for other codes. */
export function jobStatusOf(code: ErrorCode): number | undefined {
  const m = typeof code === 'string' ? /^IMPORT_JOB_(\d+)$/.exec(code) : undefined;
  return m ? Number(m[1]) : undefined;
}

/** How a code reads in a message: "code 1061004", "job_status 112", "FILE_EMPTY". */
export function codeLabel(code: ErrorCode): string {
  if (typeof code === 'number') return `code ${code}`;
  const status = jobStatusOf(code);
  return status === undefined ? code : `job_status ${status}`;
}

/** Used for Feishu codes we have never seen: not retried, reported with the server's own message. */
export const UNKNOWN_CODE: CatalogueEntry = e(
  'internal',
  false,
  'Feishu returned an error this tool does not know.',
  'Check the message and the log id; report it if it persists.',
);

export function lookup(code: ErrorCode): CatalogueEntry {
  if (typeof code === 'number') return FEISHU_CODES[code] ?? UNKNOWN_CODE;
  const status = jobStatusOf(code);
  if (status !== undefined) return IMPORT_JOB_STATUSES[status] ?? UNKNOWN_JOB_STATUS;
  return LOCAL_CODES[code as LocalCode];
}

/**
 * Codes that mean "the token went stale": the token provider gets a new one once (a tenant token fetched again,
 * a user token renewed) and the call is repeated (docs/feishu/auth.md §3, §13).
 */
export const STALE_TOKEN_CODES: ReadonlySet<number> = new Set([99991663, 99991664, 99991671, 99991668, 99991677]);

/** A renewal refused with these means the saved sign-in is over: it is dropped and the user signs in again. */
export const SIGNED_OUT_CODES: ReadonlySet<ErrorCode> = new Set([20024, 20026, 20037, 20064, 20073]);
