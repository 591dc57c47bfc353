import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { createPkce, randomState } from '../../../../src/core';

void test('PKCE S256: a 43-character verifier of the RFC alphabet, and its SHA-256 in base64url', () => {
  const p = createPkce();
  assert.match(p.verifier, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(p.challenge, createHash('sha256').update(p.verifier).digest('base64url'));
  assert.equal(p.method, 'S256');
  assert.notEqual(createPkce().verifier, p.verifier);
});

void test('state is unguessable: 32 characters of base64url, new each time', () => {
  assert.match(randomState(), /^[A-Za-z0-9_-]{32}$/);
  assert.notEqual(randomState(), randomState());
});
