// Feishu's own links (metas batch_query with_url, one call per 200), the fallback when Feishu gives none, link
// sharing and the user grant, through the core against the emulator.
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FeishuError, openFileSource, type DriveBatchOptions, type DriveOutcome } from '../../src/core';
import { startRig, type Rig } from '../helpers/feishu';
import { tempDir } from '../helpers/fixtures';

async function put(rig: Rig, path: string, options: DriveBatchOptions, dir: string[] = []): Promise<DriveOutcome> {
  const source = await openFileSource(path);
  try {
    return await rig.drive.batch(options).put(source, dir);
  } finally {
    await source.close();
  }
}

describe('links', () => {
  let rig: Rig;
  const tmp = tempDir();
  before(async () => {
    rig = await startRig({ emulator: { tenantUrl: 'https://acme.feishu.cn' } });
  });
  after(async () => {
    await rig.close();
    tmp.dispose();
  });

  test('links are what batch_query returns (the tenant domain), one call for up to 200', async () => {
    const file = join(tmp.dir, 'a.txt');
    writeFileSync(file, 'a');
    const outcomes = [await put(rig, file, {}), await put(rig, file, {}), await put(rig, file, {})];
    const tokens = outcomes.map((o) => (o.status === 'uploaded' ? o.result.fileToken : ''));
    const before = rig.emu.stats().calls['drive/v1/metas/batch_query'] ?? 0;
    const links = await rig.drive.links.of([...tokens.map((token) => ({ token, type: 'file' })), { token: tokens[0], type: 'file' }]);
    assert.equal((rig.emu.stats().calls['drive/v1/metas/batch_query'] ?? 0) - before, 1);
    for (const t of tokens) assert.equal(links.get(t), `https://acme.feishu.cn/file/${t}`);
    assert.equal(links.size, 3, 'asked twice, answered once');
  });

  test('more than 200 documents take one call per 200; tokens Feishu does not know get the brand fallback and a warning', async () => {
    const own = await startRig({ emulator: { tenantUrl: 'https://acme.feishu.cn' } });
    try {
      const file = join(tmp.dir, 'b.txt');
      writeFileSync(file, 'b');
      const real = await put(own, file, {});
      assert.equal(real.status, 'uploaded');
      const token = real.status === 'uploaded' ? real.result.fileToken : '';
      const fake = Array.from({ length: 250 }, (_, i) => ({ token: `unknown${i}`, type: 'file' }));
      const links = await own.drive.links.of([{ token, type: 'file' }, ...fake]);
      assert.equal(own.emu.stats().calls['drive/v1/metas/batch_query'], 2);
      assert.equal(links.get(token), `https://acme.feishu.cn/file/${token}`);
      assert.equal(links.get('unknown7'), `${own.emu.url}/file/unknown7`, 'fallback: the API override host (the brand domain without one)');
      assert.equal(links.size, 251);
      assert.match(own.warnings.join('\n'), /^Feishu gave no link for 199 item\(s\): unknown0 \(code 970005\), unknown1 \(code 970005\)/);
      assert.match(own.warnings.join('\n'), /Feishu gave no link for 51 item\(s\)/);
      assert.deepEqual(own.emu.violations(), []);
    } finally {
      await own.close();
    }
  });

  test('when batch_query fails (e.g. no metadata scope) every link falls back, and the log says why', async () => {
    const own = await startRig();
    try {
      own.emu.injectFault({ kind: 'code', code: 99991672, status: 400, endpoint: 'metas/batch_query' });
      const links = await own.drive.links.of([{ token: 'tokA', type: 'file' }, { token: 'fldB', type: 'folder' }]);
      assert.equal(links.get('tokA'), `${own.emu.url}/file/tokA`);
      assert.equal(links.get('fldB'), `${own.emu.url}/drive/folder/fldB`);
      assert.match(own.warnings[0], /^Feishu's links could not be read \(The app has not enabled a scope this API needs\..*code 99991672.*\) for 2 item\(s\): tokA, fldB\. Using links on the brand's domain instead/);
    } finally {
      await own.close();
    }
  });
});

describe('sharing', () => {
  const tmp = tempDir();
  after(() => tmp.dispose());
  const limits = { public: [{ calls: 3, windowMs: 1000 }], members: [{ calls: 3, windowMs: 1000 }] };

  test('link sharing is set on every uploaded file; anyone_readable opens external access too; paced to the limit', async () => {
    const rig = await startRig({ driveLimits: limits });
    try {
      const file = join(tmp.dir, 's.txt');
      writeFileSync(file, 's');
      const started = Date.now();
      const outcomes: DriveOutcome[] = [];
      for (let i = 0; i < 4; i++) outcomes.push(await put(rig, file, { linkSharing: 'tenant_readable' }));
      for (const o of outcomes) {
        assert.equal(o.status, 'uploaded');
        if (o.status !== 'uploaded') continue;
        assert.deepEqual(o.problems, []);
        assert.equal(rig.emu.publicSettings(o.result.fileToken).link_share_entity, 'tenant_readable');
      }
      assert.ok(Date.now() - started >= 1000, 'the 4th setting waited for the window');
      const anyone = await put(rig, file, { linkSharing: 'anyone_readable' });
      assert.equal(anyone.status, 'uploaded');
      if (anyone.status === 'uploaded') {
        assert.equal(rig.emu.publicSettings(anyone.result.fileToken).link_share_entity, 'anyone_readable');
        assert.equal(rig.emu.publicSettings(anyone.result.fileToken).external_access_entity, 'open');
      }
      assert.deepEqual(rig.emu.violations(), []);
    } finally {
      await rig.close();
    }
  });

  test('a tenant that forbids outside sharing: the file is uploaded, the problem is reported with its message', async () => {
    const rig = await startRig({ emulator: { externalSharing: false } });
    try {
      const file = join(tmp.dir, 't.txt');
      writeFileSync(file, 't');
      const outcome = await put(rig, file, { linkSharing: 'anyone_readable' });
      assert.equal(outcome.status, 'uploaded');
      if (outcome.status !== 'uploaded') return;
      assert.ok(rig.emu.getFile(outcome.result.fileToken), 'the file is there');
      assert.equal(outcome.problems.length, 1);
      const problem = outcome.problems[0];
      assert.equal(problem.step, 'linkSharing');
      const error = problem.error as FeishuError;
      assert.equal(error.code, 91009);
      assert.match(error.userMessage, /^The organisation's security policy forbids sharing outside it\..*Use link sharing within the organisation/);
    } finally {
      await rig.close();
    }
  });

  test('acting as the app with a signed-in user: the user gets full access to each file and each folder the app made', async () => {
    const rig = await startRig({ driveLimits: limits });
    try {
      const file = join(tmp.dir, 'g.txt');
      writeFileSync(file, 'g');
      const outcome = await put(rig, file, { grantTo: 'ou_signed_in' }, ['made by app']);
      assert.equal(outcome.status, 'uploaded');
      if (outcome.status !== 'uploaded') return;
      const expected = [{ memberType: 'openid', memberId: 'ou_signed_in', perm: 'full_access', type: 'user' }];
      assert.deepEqual(rig.emu.collaborators(outcome.result.fileToken), expected);
      assert.deepEqual(rig.emu.collaborators(outcome.folderToken), expected, 'the folder it made');
      assert.equal(rig.emu.folderTree(outcome.folderToken)?.name, 'made by app');
    } finally {
      await rig.close();
    }
  });

  test('a grant Feishu refuses leaves the file uploaded, with the problem reported', async () => {
    const rig = await startRig();
    try {
      const file = join(tmp.dir, 'h.txt');
      writeFileSync(file, 'h');
      rig.emu.injectFault({ kind: 'code', code: 1063003, status: 400, endpoint: '/members' });
      const outcome = await put(rig, file, { grantTo: 'ou_x' });
      assert.equal(outcome.status, 'uploaded');
      if (outcome.status !== 'uploaded') return;
      assert.equal(outcome.problems[0].step, 'grantUser');
      assert.match((outcome.problems[0].error as FeishuError).message, /^Feishu refused the sharing change/);
    } finally {
      await rig.close();
    }
  });
});
