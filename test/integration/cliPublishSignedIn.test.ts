// feishu-upload publish with a person signed in (login --device over the emulator): into their own My Space,
// remembered for them by their open_id; with --as app the app's document is shared with them and remembered apart.
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Emulator } from '../../src/emulator';
import { cli, startSignedInCli } from '../helpers/cliCapture';
import { writePublishFixture, type PublishFixture } from '../helpers/publishFixture';

let emu: Emulator;
let dir = '';
let env: NodeJS.ProcessEnv;
let fixture: PublishFixture;

before(async () => {
  ({ emu, dir, env } = await startSignedInCli('feishu-cli-publish-'));
  fixture = writePublishFixture(join(dir, 'docs'));
});
after(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

const ada = (): { openId: string; name: string } => emu.users()[0];

describe('publish, signed in', () => {
  it('as the person (the default): into her own My Space, hers; again, the same document is updated', async () => {
    const first = await cli(['publish', fixture.markdownPath, '--json'], env);
    assert.equal(first.code, 0, first.stderr);
    const documentId = String(first.json[0].documentId);
    assert.equal(first.json[0].url, `${emu.tenantUrl}/docx/${documentId}`);
    assert.equal(emu.getDocument(documentId)!.folderToken, emu.rootFolderOf(ada().openId));
    assert.deepEqual(emu.collaborators(documentId), []);
    const again = await cli(['publish', fixture.markdownPath, '--json'], env);
    assert.deepEqual([again.json[0].documentId, again.json[0].updated], [documentId, true]);
  });

  it('--as app: a document of the app\'s own, shared with her, remembered apart from hers', async () => {
    const shared = emu.addFolder({ name: 'Shared with the bot' });
    const mine = emu.listDocuments().length;
    const app = await cli(['publish', fixture.markdownPath, '--as', 'app', '--folder', shared, '--json'], env);
    assert.equal(app.code, 0, app.stderr);
    assert.equal(app.json[0].updated, false, 'the app never published this file: a new document');
    assert.equal(emu.listDocuments().length, mine + 1);
    const documentId = String(app.json[0].documentId);
    assert.equal(emu.getDocument(documentId)!.folderToken, shared);
    assert.deepEqual(emu.collaborators(documentId), [{ memberType: 'openid', memberId: ada().openId, perm: 'full_access', type: 'user' }]);
    const again = await cli(['publish', fixture.markdownPath, '--as', 'app', '--json'], env);
    assert.deepEqual([again.json[0].documentId, again.json[0].updated], [documentId, true]);
  });

  it('--as must be user or app; a folder the app may not create in is refused with the reason', async () => {
    const bad = await cli(['publish', fixture.markdownPath, '--as', 'bot'], env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^feishu-upload: --as must be user or app, not "bot"\./);
    const closed = emu.addFolder({ name: 'Closed', members: {} });
    const refused = await cli(['publish', fixture.markdownPath, '--as', 'app', '--new', '--folder', closed], env);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, new RegExp(`The folder for the new document was not found, or you may not create documents in it\\. Folder ${closed} \\(Feishu code 1770032\\)`));
  });
});
