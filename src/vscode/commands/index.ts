import type { CommandKey } from './commandIds';
import type { Command } from './Command';
import { getStarted } from './getStarted';
import { importAsDoc } from './importAsDoc';
import { setAppCredentials } from './setAppCredentials';
import { setUserAccessToken } from './setUserAccessToken';
import { showLog } from './showLog';
import { signIn, signInWithCode } from './signIn';
import { signOut } from './signOut';
import { upload } from './upload';
import { uploadFile } from './uploadFile';
import { uploadFilesToDocument } from './uploadFilesToDocument';
import { uploadToDocument } from './uploadToDocument';

/** Every id in COMMAND_IDS has its handler here: a missing one is a compile error. */
export const COMMANDS: { readonly [K in CommandKey]: Command } = {
  upload,
  uploadFile,
  uploadToDocument,
  uploadFilesToDocument,
  importAsDoc,
  setAppCredentials,
  setUserAccessToken,
  signIn,
  signInWithCode,
  signOut,
  showLog,
  getStarted,
};
