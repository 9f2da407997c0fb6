import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';

/**
 * Which reverse proxies in front of the server are believed when they name the client in X-Forwarded-For:
 * - `{ hops: n }`: the n nearest hops are proxies (0: none, the socket's address is the client);
 * - `{ addresses }`: proxies are the listed addresses or subnets (`10.0.0.0/8`, `::1`, `loopback`).
 * Without it the client is the socket's address and X-Forwarded-For is ignored: anyone can write the header.
 */
export type TrustProxy = { hops: number } | { addresses: readonly string[] };

/** The most X-Forwarded-For entries read, from the right (a longer chain is a forgery or a loop). */
const MAX_HOPS = 32;

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is `10.0.0.1`. */
const normal = (address: string) =>
  address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;

/**
 * Reads a trust-proxy setting as written in `--trust-proxy` or DISPATCH_TRUST_PROXY: a whole number of hops, or a
 * comma-separated list of addresses, subnets (CIDR) and `loopback`. Throws with a readable message otherwise.
 */
export function parseTrustProxy(value: string): TrustProxy {
  const v = value.trim();
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops > MAX_HOPS) throw new Error(`--trust-proxy: at most ${MAX_HOPS} hops, got ${hops}`);
    return { hops };
  }
  const addresses = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (addresses.length === 0) throw new Error('--trust-proxy: give a number of hops or the proxies’ addresses');
  for (const a of addresses) trustedList([a], `--trust-proxy: "${a}" is not an address, a subnet or loopback`);
  return { addresses };
}

function trustedList(addresses: readonly string[], problem?: string): BlockList {
  const list = new BlockList();
  for (const entry of addresses) {
    if (entry === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4');
      list.addAddress('::1', 'ipv6');
      continue;
    }
    const [address = '', bits, extra] = entry.split('/');
    const family = isIP(address);
    const prefix = Number(bits);
    const max = family === 4 ? 32 : 128;
    if (family === 0 || extra !== undefined || (bits !== undefined && !(/^\d+$/.test(bits) && prefix <= max)))
      throw new Error(problem ?? `not an address, a subnet or loopback: "${entry}"`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return list;
}

/**
 * How the server tells who sent a request, for its per-address limits: the socket's address unless it came through
 * trusted proxies, then the nearest address in X-Forwarded-For that is not one of them.
 */
export function clientAddressOf(trust: TrustProxy | undefined): (req: IncomingMessage) => string {
  const socketOf = (req: IncomingMessage) => normal(req.socket.remoteAddress ?? 'unknown');
  if (!trust || ('hops' in trust && trust.hops === 0)) return socketOf;
  /** The hops beyond the socket, nearest first. */
  const forwarded = (req: IncomingMessage): string[] => {
    const header = req.headers['x-forwarded-for'];
    const joined = Array.isArray(header) ? header.join(',') : (header ?? '');
    return joined.split(',').slice(-MAX_HOPS).reverse();
  };
  if ('hops' in trust) {
    const hops = trust.hops;
    return (req) => {
      let address = socketOf(req);
      const chain = forwarded(req);
      for (let i = 0; i < hops && i < chain.length; i++) {
        const next = normal(chain[i]!.trim());
        // A hop that is no address cannot be vouched for: the last one that is stands for it.
        if (!isIP(next)) break;
        address = next;
      }
      return address;
    };
  }
  const list = trustedList(trust.addresses);
  const trusted = (a: string) => list.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4');
  return (req) => {
    let address = socketOf(req);
    if (!isIP(address) || !trusted(address)) return address;
    for (const hop of forwarded(req)) {
      const next = normal(hop.trim());
      if (!isIP(next)) break;
      address = next;
      if (!trusted(next)) break;
    }
    return address;
  };
}
