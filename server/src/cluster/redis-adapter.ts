import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { Server } from 'socket.io';

/**
 * The stream the nodes of one deployment share when none is configured: named after the database they share (its
 * epoch, written once when the database was created), so two deployments on one Redis never deliver to each other.
 */
export function defaultStreamName(databaseEpoch: string): string {
  return `dispatch:${databaseEpoch}:socket.io`;
}

/**
 * Joins this node to the others through Redis with the official Streams adapter: pokes and positions sent to a room
 * reach sockets on every node, and a client that reconnects to another node can recover its missed packets.
 * Returns a function that disconnects from Redis.
 */
export async function joinCluster(io: Server, redisUrl: string, streamName: string): Promise<() => Promise<void>> {
  const client = createClient({ url: redisUrl });
  client.on('error', (err: Error) => console.error(`[cluster] redis: ${err.message}`));
  await client.connect();
  // The stream carries broadcasts, the PUB/SUB channels requests between nodes and their answers, the session keys
  // what a reconnecting client missed: all three are named after the deployment, or two deployments hear each other.
  io.adapter(
    createAdapter(client, {
      streamName,
      channelPrefix: streamName,
      sessionKeyPrefix: `${streamName}:session:`,
      maxLen: 100_000,
    }),
  );
  return async () => {
    await client.quit().catch(() => undefined);
  };
}
