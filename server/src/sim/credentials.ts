import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Role } from '../../../shared/sync/index.js';
import { signToken } from '../auth/tokens.js';

/** Who the simulator signs in as. */
export interface SimUser {
  id: string;
  name: string;
  role: Role;
  engineerId: string | null;
}

/** Where the simulator's sign-in tokens come from. */
export interface Credentials {
  tokenFor(user: SimUser): string;
  /** Whether asking again gives a fresh token (after one expired). */
  readonly renewable: boolean;
  readonly source: string;
}

const TOKEN_TTL_SECONDS = 12 * 3600;

/** Signs tokens with the server's secret (the simulator runs beside the server, as a trusted tool). */
export function credentialsFromSecret(secret: string, source: string): Credentials {
  return {
    renewable: true,
    source,
    tokenFor: (u) =>
      signToken(
        secret,
        { sub: u.id, name: u.name, role: u.role, ...(u.engineerId ? { eng: u.engineerId } : {}) },
        TOKEN_TTL_SECONDS,
      ),
  };
}

const TokensFile = z.record(
  z.string().min(1).max(64),
  z.object({ role: Role, engineerId: z.string().nullable().optional(), token: z.string().min(10).max(4096) }),
);

/** Reads the tokens the server wrote with `--tokens-out FILE`. */
export function credentialsFromFile(path: string): Credentials {
  let parsed;
  try {
    parsed = TokensFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (err) {
    throw new Error(`cannot read the tokens file ${path}: ${(err as Error).message}`, { cause: err });
  }
  if (!parsed.success) throw new Error(`${path} is not a tokens file written by "npm run server -- --tokens-out"`);
  const tokens = parsed.data;
  return {
    renewable: false,
    source: path,
    tokenFor: (u) => {
      const entry = tokens[u.id];
      if (!entry) throw new Error(`${path} has no token for ${u.id}`);
      return entry.token;
    },
  };
}
