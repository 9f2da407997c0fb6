import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../config.js';
import { clientAddressOf, parseTrustProxy } from './client-address.js';

const req = (socket: string, forwarded?: string | string[]) =>
  ({
    socket: { remoteAddress: socket },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  }) as unknown as IncomingMessage;

describe('the client address behind reverse proxies', () => {
  it('is the socket address by default: X-Forwarded-For is anyone’s to write', () => {
    const of = clientAddressOf(undefined);
    expect(of(req('203.0.113.9', '198.51.100.1'))).toBe('203.0.113.9');
    expect(of(req('::ffff:203.0.113.9'))).toBe('203.0.113.9');
    expect(clientAddressOf({ hops: 0 })(req('203.0.113.9', '198.51.100.1'))).toBe('203.0.113.9');
  });

  it('reads X-Forwarded-For from the right through trusted addresses only', () => {
    const of = clientAddressOf(parseTrustProxy('loopback, 10.0.0.0/8'));
    // Through the local proxy: the client it names.
    expect(of(req('127.0.0.1', '198.51.100.7'))).toBe('198.51.100.7');
    expect(of(req('::ffff:127.0.0.1', '198.51.100.7'))).toBe('198.51.100.7');
    // A forged entry left of the real client is not believed: the nearest untrusted hop is the client.
    expect(of(req('127.0.0.1', '1.2.3.4, 198.51.100.7'))).toBe('198.51.100.7');
    // Two proxies (an inner balancer at 10.1.2.3): the client is beyond both.
    expect(of(req('127.0.0.1', '198.51.100.7, 10.1.2.3'))).toBe('198.51.100.7');
    expect(of(req('127.0.0.1', ['1.2.3.4', '198.51.100.7, 10.1.2.3']))).toBe('198.51.100.7');
    // A direct request from elsewhere cannot pick its own address.
    expect(of(req('203.0.113.9', '198.51.100.7'))).toBe('203.0.113.9');
    // No header, or garbage in it: the last address that could be vouched for.
    expect(of(req('127.0.0.1'))).toBe('127.0.0.1');
    expect(of(req('127.0.0.1', 'not-an-address'))).toBe('127.0.0.1');
    expect(of(req('127.0.0.1', '198.51.100.7, x, 10.1.2.3'))).toBe('10.1.2.3');
    expect(clientAddressOf(parseTrustProxy('::1'))(req('::1', '2001:db8::5'))).toBe('2001:db8::5');
  });

  it('counts hops when the proxies have no fixed address', () => {
    const one = clientAddressOf(parseTrustProxy('1'));
    expect(one(req('10.0.0.2', '1.2.3.4, 198.51.100.7'))).toBe('198.51.100.7');
    expect(one(req('10.0.0.2'))).toBe('10.0.0.2');
    const two = clientAddressOf(parseTrustProxy('2'));
    expect(two(req('10.0.0.2', '1.2.3.4, 198.51.100.7, 10.0.0.9'))).toBe('198.51.100.7');
    expect(two(req('10.0.0.2', '198.51.100.7'))).toBe('198.51.100.7');
  });

  it('refuses a setting it cannot read, saying why', () => {
    expect(() => parseTrustProxy('proxy.example.com')).toThrow(/"proxy.example.com" is not an address/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/not an address/);
    expect(() => parseTrustProxy(' , ')).toThrow(/number of hops or the proxies/);
    expect(() => parseTrustProxy('99')).toThrow(/at most 32 hops/);
    expect(parseTrustProxy('loopback,192.168.0.0/16,::1')).toEqual({
      addresses: ['loopback', '192.168.0.0/16', '::1'],
    });
  });

  it('is set by --trust-proxy or DISPATCH_TRUST_PROXY, and is off by default', () => {
    expect(readConfig([]).trustProxy).toBeNull();
    expect(readConfig(['--trust-proxy', '1']).trustProxy).toEqual({ hops: 1 });
    expect(readConfig([], { DISPATCH_TRUST_PROXY: 'loopback' }).trustProxy).toEqual({ addresses: ['loopback'] });
    expect(() => readConfig(['--trust-proxy', 'somewhere'])).toThrow(/not an address/);
  });
});
