import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Principal } from '../../shared/sync/index.js';
import { Role } from '../../shared/sync/index.js';

const Claims = z.object({
  sub: z.string().min(1),
  name: z.string().optional(),
  role: Role,
  eng: z.string().optional(),
  exp: z.number().optional(),
});

/**
 * Who this console acts as, read from the token's claims. Only for local use (labels, the optimistic apply): the
 * server verifies the signature and has the last word on roles.
 */
export function principalFromToken(token: string): Principal {
  const payload = token.split('.')[1];
  if (!payload) throw new Error('the sign-in token is not a JWT');
  let claims: z.infer<typeof Claims>;
  try {
    claims = Claims.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch {
    throw new Error('the sign-in token does not say who you are (sub, role)');
  }
  const kind = claims.role === 'device' ? 'device' : 'user';
  return { kind, id: claims.sub, name: claims.name ?? claims.sub, role: claims.role, engineerId: claims.eng ?? null };
}

/** A new client id: stable for the life of this cache, short enough to prefix event ids. */
export function newClientId(): string {
  return `c-${randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
}
