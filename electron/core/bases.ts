import type { RecordVersion } from './cache/cache.js';
import type { LocalState } from './cache/local-state.js';

/** The version of a record an action names as the one it acts on. */
export interface BaseVersion {
  version: number;
  rev: string;
}

type BaseHolder = { orderId?: unknown; engineerId?: unknown; base?: unknown; moves?: unknown };

function isBase(b: unknown): b is BaseVersion {
  return (
    !!b &&
    typeof b === 'object' &&
    typeof (b as BaseVersion).version === 'number' &&
    typeof (b as BaseVersion).rev === 'string'
  );
}

/**
 * The same args with every `base` passed through `next`, told which record it names (`order:<id>`, `engineer:<id>`
 * or `policy`); `next` returns the base to use, or undefined to keep it. Args without bases come back as they are.
 */
export function mapBases(args: unknown, next: (key: string, base: BaseVersion) => BaseVersion | undefined): unknown {
  if (!args || typeof args !== 'object') return args;
  const a = args as BaseHolder;
  const one = (key: string, base: unknown) => (isBase(base) ? (next(key, base) ?? base) : base);
  if (Array.isArray(a.moves))
    return {
      ...a,
      moves: a.moves.map((m: BaseHolder) =>
        typeof m.orderId === 'string' ? { ...m, base: one(`order:${m.orderId}`, m.base) } : m,
      ),
    };
  if (a.base === undefined) return args;
  if (typeof a.orderId === 'string') return { ...a, base: one(`order:${a.orderId}`, a.base) };
  if ('orderId' in a) return args;
  if (typeof a.engineerId === 'string') return { ...a, base: one(`engineer:${a.engineerId}`, a.base) };
  if ('engineerId' in a) return args;
  return { ...a, base: one('policy', a.base) };
}

/** Every base the args name, by record. */
export function basesIn(args: unknown): RecordVersion[] {
  const out: RecordVersion[] = [];
  mapBases(args, (key, base) => {
    out.push({ key, version: base.version, rev: base.rev });
    return undefined;
  });
  return out;
}

/** The version of a record the console holds now; null when it has no such record. */
export function currentVersion(state: LocalState, key: string): BaseVersion | null {
  if (key === 'policy') {
    const p = state.policy();
    return { version: p.version, rev: p.rev };
  }
  const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  const record = kind === 'order' ? state.orders.get(id) : kind === 'engineer' ? state.engineers.get(id) : undefined;
  return record ? { version: record.version, rev: record.rev } : null;
}

/** The same args with every `base` replaced by the version the console holds now. */
export function rebased(args: unknown, state: LocalState): unknown {
  return mapBases(args, (key) => currentVersion(state, key) ?? undefined);
}
