import { strict as assert } from 'node:assert';
import { before, test } from 'node:test';
import { WALKTHROUGH_ID } from '../../../../src/vscode/commands/commandIds';
import type { Services } from '../../../../src/vscode/services/services';
import { FakeVscode } from '../../../helpers/fakeVscode';

const fake = new FakeVscode();
fake.install();
// Imported after install(): the command module loads 'vscode'.
let mod: typeof import('../../../../src/vscode/commands/getStarted');
before(async () => {
  mod = await import('../../../../src/vscode/commands/getStarted');
});

void test('Feishu: Get Started opens our walkthrough in the active editor group, without credentials', async () => {
  assert.equal(mod.getStarted.needsCredentials, false, 'a newcomer has none yet');
  await mod.getStarted.run({} as Services);
  assert.deepEqual(fake.executed, [['workbench.action.openWalkthrough', WALKTHROUGH_ID, false]]);
});
