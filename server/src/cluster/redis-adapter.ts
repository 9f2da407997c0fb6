import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Server } from 'socket.io';

/**
 * Joins this node to the others through Redis with the official Streams adapter: pokes and positions sent to a room
 * reach sockets on every node, and a client that reconnects to another node can recover its missed packets.
 * Returns a function that disconnects from Redis.
 */
export async function joinCluster(
  io: Server,
  redisUrl: string,
  streamName = 'dispatch:socket.io',
): Promise<() => Promise<void>> {
  const client = createClient({ url: redisUrl });
  client.on('error', (err: Error) => console.error(`[cluster] redis: ${err.message}`));
  await client.connect();
  io.adapter(createAdapter(client, { streamName, maxLen: 100_000 }));
  return async () => {
    await client.quit().catch(() => undefined);
  };
}
