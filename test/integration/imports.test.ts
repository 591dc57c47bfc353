import { strict as assert } from 'node:assert';
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FeishuError, openFileSource, type ImportOptions, type ImportProgress, type ImportResult } from '../../src/core';
import { startRig, type Rig } from '../helpers/feishu';
import { tempDir } from '../helpers/fixtures';

const MiB = 1024 * 1024;

describe('import as a Feishu doc, over HTTP against the emulator', () => {
  let rig: Rig;
  const tmp = tempDir();
  const file = (name: string, content: string | Buffer): string => {
    const path = join(tmp.dir, name);
    writeFileSync(path, content);
    return path;
  };
  const markdown = file('Release notes.md', '# Release notes\n\n- faster uploads\n');
  const csv = file('numbers.csv', 'month,sales\nJan,10\nFeb,12\n');
  // Any bytes do for the emulator: it checks names, sizes and tokens, not the content.
  const xlsx = file('plan.xlsx', Buffer.from('PK\u0003\u0004 not really a workbook'));
  before(async () => {
    rig = await startRig();
  });
  after(async () => {
    await rig.close();
    tmp.dispose();
  });

  async function importFile(path: string, options: ImportOptions = {}): Promise<ImportResult> {
    const source = await openFileSource(path);
    return rig.importer.import(source, options).finally(() => source.close());
  }

  test('Markdown becomes a docx: a ccm_import_open upload, an import task polled 1 → 2 → 0, a new document', async () => {
    const progress: ImportProgress[] = [];
    const result = await importFile(markdown, { onProgress: (p) => progress.push(p) });
    assert.equal(result.type, 'docx');
    assert.equal(result.url, `${rig.emu.url}/docx/${result.token}`);
    assert.equal(result.name, 'Release notes.md');
    assert.equal(rig.emu.getDocument(result.token)?.title, 'Release notes', 'titled after the file, without the extension');
    const upload = rig.emu.listFiles().find((f) => f.name === 'Release notes.md')!;
    assert.equal(upload.parentType, 'ccm_import_open');
    assert.equal(upload.parentNode, '');
    assert.equal(upload.extra, '{"obj_type":"docx","file_extension":"md"}');
    assert.deepEqual(
      progress.filter((p) => p.phase === 'convert').map((p) => (p.phase === 'convert' ? p.jobStatus : undefined)),
      [1, 2, 0],
    );
    assert.equal(progress[0].phase, 'upload');
  });

  test('a CSV becomes a sheet, in the folder asked for', async () => {
    const result = await importFile(csv, { folderToken: rig.emu.addFolder() });
    assert.equal(result.type, 'sheet');
    assert.match(result.url, new RegExp(`^${rig.emu.url}/sheets/\\w{27}$`));
  });

  test('an .xlsx becomes a bitable on request', async () => {
    const result = await importFile(xlsx, { type: 'bitable' });
    assert.equal(result.type, 'bitable');
    assert.match(result.url, /\/base\/\w{27}$/);
    assert.equal(rig.emu.listFiles().find((f) => f.name === 'plan.xlsx')?.extra, '{"obj_type":"bitable","file_extension":"xlsx"}');
  });

  test('an import that fails with job_status 112: the message names it and says what to do', async () => {
    rig.emu.failNextImport(112, 'unsupported format');
    await assert.rejects(importFile(markdown), (e: unknown) => {
      assert.ok(e instanceof FeishuError);
      assert.equal(e.code, 'IMPORT_JOB_112');
      assert.match(e.message, /^Feishu cannot import this format\. Feishu says: "unsupported format"\. \(job_status 112, drive\/v1\/import_tasks\/\d+\)$/);
      assert.match(e.hint, /^Check that the file really is what its extension says/);
      return true;
    });
  });

  test('an unknown job_status still fails clearly', async () => {
    rig.emu.failNextImport(4242);
    await assert.rejects(importFile(markdown), (e: FeishuError) => /^The import failed with a status this tool does not know\. .*\(job_status 4242, /.test(e.message));
  });

  test('over the size cap: refused before a single call', async () => {
    const big = join(tmp.dir, 'huge.md');
    writeFileSync(big, '');
    truncateSync(big, 20 * MiB + 1);
    const calls = rig.calls.length;
    await assert.rejects(importFile(big), (e: FeishuError) => {
      assert.equal(e.code, 'IMPORT_TOO_LARGE');
      assert.match(e.message, /^The file is larger than Feishu imports allow for this type\. huge\.md is 20\.0 MiB \(20971521 bytes\); a docx from \.md takes at most 20\.0 MiB/);
      return true;
    });
    assert.equal(rig.calls.length, calls, 'nothing was sent');
  });

  test('a type the file cannot become, or a file that cannot be imported: refused before a single call', async () => {
    const calls = rig.calls.length;
    await assert.rejects(importFile(markdown, { type: 'sheet' }), (e: FeishuError) => e.code === 'IMPORT_UNSUPPORTED' && /\.md files import as docx, not as sheet\./.test(e.message));
    await assert.rejects(importFile(file('photo.png', 'png')), (e: FeishuError) => /^This file cannot be imported as that kind of Feishu document\. \.png files cannot be imported\./.test(e.message));
    assert.equal(rig.calls.length, calls);
  });

  test('no rule was violated by any of these runs', () => {
    assert.deepEqual(rig.emu.violations(), []);
  });
});

describe('import task codes the emulator sends back', () => {
  test('an upload older than the import window: 1069913, import again', async () => {
    const rig = await startRig({ emulator: { importTokenTtlMs: 1 } });
    const tmp = tempDir();
    try {
      // Responses take 20 ms, so the task is created well after the upload's token was issued.
      rig.emu.setShaping({ latencyMs: 20 });
      const path = join(tmp.dir, 'late.md');
      writeFileSync(path, '# late\n');
      const source = await openFileSource(path);
      await assert.rejects(rig.importer.import(source).finally(() => source.close()), (e: FeishuError) => {
        assert.match(e.message, /^The uploaded file expired before the import started \(after 5 minutes\)\. .*\(code 1069913, drive\/v1\/import_tasks, HTTP 400, log id \w+\)$/);
        assert.equal(e.hint, 'Import the file again.');
        return true;
      });
    } finally {
      tmp.dispose();
      await rig.close();
    }
  });
});
