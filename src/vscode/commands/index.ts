import type { CommandKey } from './commandIds';
import { changeFolder } from './changeFolder';
import { clearHistory } from './clearHistory';
import type { Command } from './Command';
import { getStarted } from './getStarted';
import { copyLastLink } from './copyLastLink';
import { historyCopyLink } from './historyCopyLink';
import { historyOpenInBrowser } from './historyOpenInBrowser';
import { historyRevealLocalFile } from './historyRevealLocalFile';
import { historyUploadAgain } from './historyUploadAgain';
import { importAsDoc } from './importAsDoc';
import { publishMarkdown } from './publishMarkdown';
import { setAppCredentials } from './setAppCredentials';
import { setUserAccessToken } from './setUserAccessToken';
import { showLog } from './showLog';
import { signIn, signInWithCode } from './signIn';
import { signOut } from './signOut';
import { upload } from './upload';
import { uploadFile } from './uploadFile';
import { uploadFilesToDocument } from './uploadFilesToDocument';
import { uploadToFolder } from './uploadToFolder';
import { uploadToDocument } from './uploadToDocument';

/** Every id in COMMAND_IDS has its handler here: a missing one is a compile error. */
export const COMMANDS: { readonly [K in CommandKey]: Command } = {
  upload,
  uploadToFolder,
  uploadFile,
  uploadToDocument,
  uploadFilesToDocument,
  importAsDoc,
  publishMarkdown,
  changeFolder,
  copyLastLink,
  clearHistory,
  historyCopyLink,
  historyOpenInBrowser,
  historyRevealLocalFile,
  historyUploadAgain,
  setAppCredentials,
  setUserAccessToken,
  signIn,
  signInWithCode,
  signOut,
  showLog,
  getStarted,
};
