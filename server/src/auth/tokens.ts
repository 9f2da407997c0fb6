import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { Role } from '../../../shared/sync/index.js';

/** What a sign-in token says: who, in which role, for which engineer (devices), until when (seconds since epoch). */
export const TokenClaims = z.object({
  sub: z.string().min(1).max(64),
  name: z.string().max(120),
  role: Role,
  eng: z.string().min(1).max(64).optional(),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type TokenClaims = z.infer<typeof TokenClaims>;

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function sign(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

/** Signs an HS256 JWT. */
export function signToken(
  secret: string,
  claims: Omit<TokenClaims, 'iat' | 'exp'>,
  ttlSeconds: number,
  now = Date.now(),
): string {
  const iat = Math.floor(now / 1000);
  const payload = Buffer.from(JSON.stringify({ ...claims, iat, exp: iat + ttlSeconds })).toString('base64url');
  return `${HEADER}.${payload}.${sign(secret, `${HEADER}.${payload}`)}`;
}

export type TokenCheck =
  { ok: true; claims: TokenClaims } | { ok: false; code: 'unauthorized' | 'token_expired'; message: string };

/** Verifies signature, shape and expiry of a token. */
export function verifyToken(secret: string, token: string, now = Date.now()): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER)
    return { ok: false, code: 'unauthorized', message: 'the sign-in token is malformed' };
  const expected = Buffer.from(sign(secret, `${parts[0]}.${parts[1]}`));
  const given = Buffer.from(parts[2] ?? '');
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, code: 'unauthorized', message: 'the sign-in token is not valid for this server' };
  let claims: TokenClaims;
  try {
    claims = TokenClaims.parse(JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')));
  } catch {
    return { ok: false, code: 'unauthorized', message: 'the sign-in token does not say who you are' };
  }
  if (claims.exp * 1000 <= now)
    return { ok: false, code: 'token_expired', message: 'your sign-in has expired; sign in again' };
  return { ok: true, claims };
}

/**
 * The signing secret: DISPATCH_TOKEN_SECRET when set, otherwise a random one created once in the data directory
 * (readable by the owner only), so tokens survive restarts.
 */
export function loadTokenSecret(path: string): string {
  const fromEnv = process.env.DISPATCH_TOKEN_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('DISPATCH_TOKEN_SECRET must be at least 32 characters');
    return fromEnv;
  }
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dirname(path), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}
