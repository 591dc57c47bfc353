/**
 * The one list of command ids. package.json's contributes.commands must match it (a unit test checks),
 * and the registrar must give every id a handler (the compiler checks).
 */
export const COMMAND_IDS = {
  upload: 'feishu.upload',
  uploadToFolder: 'feishu.uploadToFolder',
  uploadFile: 'feishu.uploadFile',
  uploadToDocument: 'feishu.uploadToDocument',
  uploadFilesToDocument: 'feishu.uploadFilesToDocument',
  importAsDoc: 'feishu.importAsDoc',
  publishMarkdown: 'feishu.publishMarkdown',
  changeFolder: 'feishu.changeFolder',
  copyLastLink: 'feishu.copyLastLink',
  clearHistory: 'feishu.clearHistory',
  historyCopyLink: 'feishu.history.copyLink',
  historyOpenInBrowser: 'feishu.history.openInBrowser',
  historyRevealLocalFile: 'feishu.history.revealLocalFile',
  historyUploadAgain: 'feishu.history.uploadAgain',
  setAppCredentials: 'feishu.setAppCredentials',
  setUserAccessToken: 'feishu.setUserAccessToken',
  signIn: 'feishu.signIn',
  signInWithCode: 'feishu.signInWithCode',
  signOut: 'feishu.signOut',
  showLog: 'feishu.showLog',
  getStarted: 'feishu.getStarted',
} as const;

/**
 * The walkthrough "Feishu: Get Started" opens: `<publisher>.<name>#<id>` of package.json's
 * contributes.walkthroughs (a unit test checks that they agree).
 */
export const WALKTHROUGH_ID = 'feishu-upload.feishu-upload#getStarted';

export type CommandKey = keyof typeof COMMAND_IDS;
export type CommandId = (typeof COMMAND_IDS)[CommandKey];
