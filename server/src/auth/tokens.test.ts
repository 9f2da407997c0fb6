import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from './tokens.js';

const SECRET = 'x'.repeat(40);
const NOW = Date.UTC(2026, 10, 23, 8);

describe('sign-in tokens', () => {
  it('verify what was signed, until it expires', () => {
    const token = signToken(SECRET, { sub: 'dispatcher-1', name: 'Zhou Min', role: 'dispatcher' }, 3600, NOW);
    expect(verifyToken(SECRET, token, NOW + 1000)).toMatchObject({
      ok: true,
      claims: { sub: 'dispatcher-1', role: 'dispatcher' },
    });
    expect(verifyToken(SECRET, token, NOW + 3600_000)).toEqual({
      ok: false,
      code: 'token_expired',
      message: 'your sign-in has expired; sign in again',
    });
  });

  it('refuse another secret, a changed payload and garbage', () => {
    const token = signToken(SECRET, { sub: 'viewer', name: 'Wall', role: 'viewer' }, 3600, NOW);
    expect(verifyToken('y'.repeat(40), token, NOW)).toMatchObject({ ok: false, code: 'unauthorized' });
    const [h, , s] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: 'viewer', name: 'Wall', role: 'supervisor', iat: 0, exp: 9e9 }),
    ).toString('base64url');
    expect(verifyToken(SECRET, `${h}.${forged}.${s}`, NOW)).toMatchObject({ ok: false, code: 'unauthorized' });
    expect(verifyToken(SECRET, 'not-a-token', NOW)).toMatchObject({
      ok: false,
      code: 'unauthorized',
      message: 'the sign-in token is malformed',
    });
  });
});
