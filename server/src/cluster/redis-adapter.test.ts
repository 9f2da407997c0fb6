import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultStreamName, joinCluster } from './redis-adapter.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A node: a Socket.IO server joined through Redis on `stream`, with one client of its own in the room "team". */
async function node(stream: string): Promise<{ io: Server; clientId: string }> {
  const http = createServer();
  const io = new Server(http);
  io.on('connection', (s) => void s.join('team'));
  const leave = await joinCluster(io, REDIS_URL, stream);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const client: Socket = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
    transports: ['websocket'],
    forceNew: true,
  });
  await new Promise<void>((r) => client.once('connect', () => r()));
  cleanups.push(async () => {
    client.disconnect();
    await new Promise<void>((r) => io.close(() => r()));
    await leave();
  });
  return { io, clientId: client.id! };
}

describe('nodes joined through Redis', () => {
  it('reach the nodes of their own deployment and never those of another deployment on the same Redis', async () => {
    const ours = defaultStreamName(`db-${randomBytes(6).toString('hex')}`);
    const theirs = defaultStreamName(`db-${randomBytes(6).toString('hex')}`);
    expect(ours).not.toBe(theirs);
    const a = await node(ours);
    const other = await node(theirs);
    const c = await node(ours);
    // Node a learns of c through their shared stream; once it has, it sees c's sockets and still none of the other's.
    await expect
      .poll(async () => (await a.io.in('team').fetchSockets()).map((s) => s.id).sort())
      .toEqual([a.clientId, c.clientId].sort());
    const seen = (await a.io.in('team').fetchSockets()).map((s) => s.id);
    expect(seen).not.toContain(other.clientId);
    expect((await other.io.in('team').fetchSockets()).map((s) => s.id)).toEqual([other.clientId]);
  }, 60_000);
});
