import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FaultQueue, parseFault } from '../../../src/emulator/FaultQueue';

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
    assert.deepEqual(parseFault({ kind: 'dropAnswer', endpoint: 'upload_finish' }), { kind: 'dropAnswer', endpoint: 'upload_finish' });
  });

  void it('dropAnswer defaults to every upload endpoint', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'dropAnswer', count: 2 });
    assert.equal(queue.take('drive/v1/files', false), undefined);
    assert.equal(queue.take('drive/v1/files/upload_prepare', true)?.kind, 'dropAnswer');
    assert.equal(queue.take('drive/v1/medias/upload_part', true)?.kind, 'dropAnswer');
    assert.equal(queue.size(), 0);
  });
});
