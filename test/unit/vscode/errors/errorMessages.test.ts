import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FEISHU_CODES, FeishuError, IMPORT_JOB_STATUSES, importJobCode, LOCAL_CODES, type ErrorCode } from '../../../../src/core';
import { actionLabel, actionsFor, describeError, developerConsoleUrl, sizeLimitsUrl, type ErrorAction } from '../../../../src/vscode/errors/errorMessages';
import { english } from '../../../../src/core';
import { bundleTranslate } from '../../../helpers/l10nSource';

const ALL_CODES: ErrorCode[] = [
  ...Object.keys(FEISHU_CODES).map(Number),
  ...(Object.keys(LOCAL_CODES) as (keyof typeof LOCAL_CODES)[]),
  ...Object.keys(IMPORT_JOB_STATUSES).map((s) => importJobCode(Number(s))),
  4242,
  importJobCode(4242),
];
const zh = bundleTranslate('l10n/bundle.l10n.zh-cn.json');

void test('every catalogue code (and an unknown one) gets a message with meaning and hint, and Show Log', () => {
  for (const code of ALL_CODES) {
    const err = new FeishuError({ code, logId: 'LOGID123' });
    const notice = describeError(err, english);
    assert.ok(notice.text.startsWith(err.meaning), `${code}: ${notice.text}`);
    if (code !== 'NO_CREDENTIALS') assert.ok(notice.text.endsWith(err.hint), `${code}: ${notice.text}`);
    if (typeof code === 'number') assert.match(notice.text, new RegExp(`\\(code ${code}\\)`));
    assert.equal(notice.actions.at(-1), 'showLog', String(code));
    assert.equal(new Set(notice.actions).size, notice.actions.length, `${code}: duplicate buttons`);
  }
});

void test('every catalogue code has a Chinese message and Chinese buttons (a missing translation throws)', () => {
  for (const code of ALL_CODES) {
    const notice = describeError(new FeishuError({ code }), zh);
    assert.match(notice.text, /[\u4e00-\u9fff]/, String(code));
    for (const a of notice.actions) assert.match(actionLabel(a, zh), /[\u4e00-\u9fff]/, `${code} ${a}`);
  }
  assert.match(describeError(new FeishuError({ code: 1061004 }), zh).text, /^没有权限上传到该文件夹或文档。 \(错误码 1061004\) 请为应用/);
});

void test('categories map to the buttons that fix them', () => {
  const expect: [ErrorCode, ErrorAction[]][] = [
    [10015, ['setAppCredentials']],
    [99991663, ['setAppCredentials']],
    [1061005, ['setAppCredentials']],
    [99991668, ['signIn', 'setUserAccessToken']],
    [99991677, ['signIn', 'setUserAccessToken']],
    [99991672, ['openDeveloperConsole']],
    [1061073, ['openDeveloperConsole']],
    [99991676, ['openDeveloperConsole']],
    [99991679, ['signIn', 'openDeveloperConsole']],
    ['NOT_SIGNED_IN', ['signIn']],
    ['NO_APP_CREDENTIALS', ['setAppCredentials']],
    ['SIGN_IN_DENIED', ['signIn']],
    ['SIGN_IN_PORT_IN_USE', ['signInWithCode', 'openSignInPortSetting']],
    [20002, ['setAppCredentials']],
    [20037, ['signIn']],
    [20064, ['signIn']],
    [20073, ['signIn']],
    [20071, ['signInWithCode', 'openDeveloperConsole']],
    [20074, ['openDeveloperConsole']],
    [20010, ['openDeveloperConsole']],
    [20050, []],
    [99991401, ['openDeveloperConsole']],
    [99991662, ['openDeveloperConsole']],
    [1061004, ['changeFolder']],
    [1061044, ['changeFolder']],
    [1062507, ['changeFolder']],
    [1061043, ['openSizeLimits']],
    [1061061, []],
    [1061101, []],
    [1061113, []],
    ['NO_CREDENTIALS', ['signIn', 'setAppCredentials', 'setUserAccessToken']],
    ['BAD_BASE_URL', ['openApiBaseUrlSetting']],
    ['BAD_FOLDER', ['changeFolder']],
    ['FILE_EMPTY', []],
    ['NETWORK', []],
    ['BAD_DOCUMENT', ['changeDocument']],
    ['NOT_A_DOCX', ['changeDocument']],
    [1770002, ['changeDocument']],
    [1770032, ['changeDocument']],
    [131005, ['changeDocument']],
    [131006, ['changeDocument']],
    [1770013, []],
    [1069908, ['changeFolder']],
    [1069912, ['changeFolder']],
    [1069907, []],
    [importJobCode(117), ['changeFolder']],
    [importJobCode(112), []],
    ['IMPORT_TOO_LARGE', []],
  ];
  for (const [code, actions] of expect) assert.deepEqual(actionsFor(code, new FeishuError({ code }).category), actions, String(code));
  // Every auth code offers a way to new credentials, except those new credentials cannot fix.
  for (const [code, entry] of Object.entries(FEISHU_CODES)) {
    if (entry.category !== 'auth' || [1062007, 99991673, 99991662].includes(Number(code))) continue;
    const actions = actionsFor(Number(code), 'auth');
    assert.ok(actions.some((a) => ['setAppCredentials', 'setUserAccessToken', 'signIn', 'openDeveloperConsole'].includes(a)), code);
  }
  for (const [code, entry] of Object.entries(FEISHU_CODES)) {
    if (entry.category === 'scope') assert.ok(actionsFor(Number(code), 'scope').includes('openDeveloperConsole'), code);
  }
});

void test('the messages say what to do: scope names, sharing with the bot, the size limit, quotas', () => {
  const text = (code: ErrorCode): string => describeError(new FeishuError({ code }), english).text;
  assert.match(text(99991672), /drive:drive, drive:file:upload/);
  assert.match(text(1061073), /developer console/);
  assert.match(text(1061004), /edit permission: share the folder .* with a group that contains the app's bot/);
  assert.match(text(1061043), /size limit of your Feishu plan/);
  assert.match(text(1061061), /personal storage quota is full/);
  assert.match(text(1061101), /tenant storage quota is full\. \(code 1061101\) Ask your Feishu admin/);
  assert.match(text('NO_CREDENTIALS'), /Feishu: Sign In.*Feishu: Set App Credentials/);
  assert.doesNotMatch(text('NO_CREDENTIALS'), /FEISHU_APP_ID/, 'the CLI hint is replaced in the extension');
});

void test('an import\'s job_status reads as such, in English and Chinese', () => {
  const err = new FeishuError({ code: importJobCode(112), detail: 'Feishu says: "bad file".' });
  assert.equal(err.message, 'Feishu cannot import this format. Feishu says: "bad file". (job_status 112)');
  assert.match(describeError(err, english).text, /^Feishu cannot import this format\. Feishu says: "bad file"\. \(import status 112\) Check that the file/);
  assert.match(describeError(err, zh).text, /^飞书无法导入这种格式。 Feishu says: "bad file"\. \(导入状态 112\) 请确认/);
});

void test('the server detail is kept, and anything else thrown becomes "Unexpected error" without tokens', () => {
  const detailed = describeError(new FeishuError({ code: 1061002, detail: 'Feishu says: "params error."' }), english);
  assert.match(detailed.text, /^Feishu rejected the request parameters\. Feishu says: "params error\." \(code 1061002\)/);
  const bug = describeError(new Error('boom with Bearer t-abcdefghijklmnopqrstuvwxyz'), english);
  assert.equal(bug.text, 'Unexpected error: boom with Bearer ***');
  assert.deepEqual(bug.actions, ['showLog']);
});

void test('console and help links follow the brand', () => {
  assert.equal(developerConsoleUrl('feishu'), 'https://open.feishu.cn/app');
  assert.equal(developerConsoleUrl('lark'), 'https://open.larksuite.com/app');
  assert.match(sizeLimitsUrl('feishu'), /^https:\/\/www\.feishu\.cn\/.*360049067549$/);
  assert.match(sizeLimitsUrl('lark'), /^https:\/\/www\.larksuite\.com\/.*360049067549$/);
});

void test('what a failed publish left behind comes after the code, before the advice, in English and Chinese', () => {
  const err = new FeishuError({ code: 1061004 }).withNote({ text: 'The new document was deleted again; nothing was left behind.', args: [] });
  assert.match(describeError(err, english).text, /^No permission to upload to this folder or document\. \(code 1061004\) The new document was deleted again; nothing was left behind\. Give the app/);
  assert.match(describeError(err, zh).text, /^没有权限上传到该文件夹或文档。 \(错误码 1061004\) 新建的文档已被删除，没有留下任何内容。 请为应用/);
  assert.deepEqual(actionsFor('DOCUMENT_UNAVAILABLE', 'notFound'), [], 'the publish flow offers its own button');
  assert.deepEqual(actionsFor('FOLDER_UNAVAILABLE', 'notFound'), ['changeFolder']);
});
