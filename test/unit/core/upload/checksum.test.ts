import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { adler32, adler32Finish, adler32Update } from '../../../../src/core/upload/checksum';

test('adler32 known answers (zlib test vectors), unsigned decimal', () => {
  assert.equal(adler32(Buffer.alloc(0)), '1');
  assert.equal(adler32(Buffer.from('a')), '6422626'); // 0x00620062
  assert.equal(adler32(Buffer.from('abc')), '38600999'); // 0x024d0127
  assert.equal(adler32(Buffer.from('Wikipedia')), '300286872'); // 0x11E60398
  // A value above 2^31 must stay positive: the wire format is unsigned.
  const big = adler32(Buffer.alloc(1024 * 1024, 0xff));
  assert.ok(Number(big) > 2 ** 31, big);
  assert.match(big, /^\d+$/);
});

test('rolling adler32 over chunks equals the one-shot value', () => {
  const data = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 256));
  let state: number | undefined;
  for (let i = 0; i < data.length; i += 4099) state = adler32Update(state, data.subarray(i, i + 4099));
  assert.equal(adler32Finish(state), adler32(data));
});
