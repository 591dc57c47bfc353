import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FaultQueue, parseFault } from '../../src/emulator/FaultQueue';
import { Link } from '../../src/emulator/Link';
import { RateRules } from '../../src/emulator/RateRules';

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

void describe('emulator FaultQueue', () => {
  void it('skips `after` matching calls, fires `count` times, then is used up', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'http500', endpoint: 'medias/upload_part', after: 1, count: 2 });
    const kinds = ['drive/v1/medias/upload_part', 'drive/v1/files/upload_part', 'drive/v1/medias/upload_part', 'drive/v1/medias/upload_part', 'drive/v1/medias/upload_part']
      .map((endpoint) => queue.take(endpoint, true)?.kind);
    assert.deepEqual(kinds, [undefined, undefined, 'http500', 'http500', undefined]);
    assert.equal(queue.size(), 0);
  });

  void it('defaults to upload endpoints, and uploadIdExpired to part/finish', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'uploadIdExpired' });
    queue.add({ kind: 'code', code: 1061045 });
    assert.equal(queue.take('auth/v3/tenant_access_token/internal', false), undefined);
    assert.equal(queue.take('drive/v1/files/upload_prepare', true)?.kind, 'code');
    assert.equal(queue.take('drive/v1/files/upload_prepare', true), undefined);
    assert.equal(queue.take('drive/v1/files/upload_finish', true)?.kind, 'uploadIdExpired');
  });

  void it('validates faults that arrive as JSON', () => {
    assert.deepEqual(parseFault({ kind: 'code', code: 1061001, count: 2 }), { kind: 'code', code: 1061001, count: 2 });
    assert.equal(typeof parseFault({ kind: 'code' }), 'string');
    assert.equal(typeof parseFault({ kind: 'explode' }), 'string');
    assert.equal(typeof parseFault({ kind: 'stall', ms: -1 }), 'string');
    assert.equal(typeof parseFault([]), 'string');
  });
});

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
