import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { markdownLink } from '../../../../src/vscode/upload/markdownLink';

void test('Insert Link writes a Markdown link that survives odd names', () => {
  assert.equal(markdownLink('report.pdf', 'https://www.feishu.cn/file/boxcnX'), '[report.pdf](https://www.feishu.cn/file/boxcnX)');
  assert.equal(markdownLink('a [draft] (v2).md', 'http://127.0.0.1:9/file/x y'), '[a \\[draft\\] (v2).md](http://127.0.0.1:9/file/x%20y)');
});
