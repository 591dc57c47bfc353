import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateRules } from '../../../src/emulator/RateRules';

void describe('emulator RateRules', () => {
  void it('allows qps calls per endpoint in any 1000 ms window and records the next one', () => {
    let now = 0;
    const rules = new RateRules(5, () => now, () => 42);
    for (let i = 0; i < 5; i++) {
      const admission = rules.admit('drive/v1/medias/upload_part');
      assert.ok(admission.ok);
      admission.release();
      now += 100;
    }
    const sixth = rules.admit('drive/v1/medias/upload_part');
    assert.equal(sixth.ok, false);
    // Another endpoint has its own window.
    const other = rules.admit('drive/v1/medias/upload_finish');
    assert.ok(other.ok);
    other.release();
    now = 1000; // the first call (t=0) left the window
    const later = rules.admit('drive/v1/medias/upload_part');
    assert.ok(later.ok);
    later.release();
    assert.deepEqual(rules.violations().map((v) => [v.endpoint, v.reason, v.at]), [['drive/v1/medias/upload_part', 'qps', 42]]);
  });

  void it('paces at exactly 200 ms without a violation', () => {
    let now = 0;
    const rules = new RateRules(5, () => now);
    for (let i = 0; i < 20; i++, now += 200) {
      const admission = rules.admit('drive/v1/files/upload_part');
      assert.ok(admission.ok, `call ${i}`);
      admission.release();
    }
  });

  void it('rejects a second call while one is in flight, on any upload endpoint', () => {
    const rules = new RateRules(100, () => 0);
    const first = rules.admit('drive/v1/files/upload_part');
    assert.ok(first.ok);
    const second = rules.admit('drive/v1/medias/upload_prepare');
    assert.equal(second.ok, false);
    assert.equal(second.ok ? undefined : second.violation.reason, 'concurrency');
    first.release();
    const third = rules.admit('drive/v1/medias/upload_prepare');
    assert.ok(third.ok);
  });

  void it('does not count rejected calls against the window', () => {
    let now = 0;
    const rules = new RateRules(2, () => now);
    const a = rules.admit('e');
    assert.ok(a.ok);
    assert.equal(rules.admit('e').ok, false); // concurrency, not counted
    a.release();
    const b = rules.admit('e');
    assert.ok(b.ok);
    b.release();
    now = 999;
    assert.equal(rules.admit('e').ok, false);
  });
});
