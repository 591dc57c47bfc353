import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Link } from '../../../src/emulator/Link';

void describe('emulator Link', () => {
  void it('spaces reads to the configured rate and accrues no idle credit', () => {
    let now = 0;
    let rate: number | undefined = 1000;
    const link = new Link(() => rate, () => now);
    assert.equal(link.reserve(500), 500);
    assert.equal(link.reserve(500), 1000);
    now = 5000;
    assert.equal(link.reserve(100), 100);
    rate = undefined;
    assert.equal(link.reserve(1_000_000), 0);
  });
});
