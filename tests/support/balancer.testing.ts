import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP load balancer on one address: each new connection goes to the next backend in turn, skipping one that refuses.
 * With WebSocket-only Socket.IO, one connection is one TCP stream, so no sticky sessions are needed.
 */
export class Balancer {
  private server: Server | null = null;
  private next = 0;
  private readonly open = new Set<Socket>();
  /** Which backend each accepted connection went to, in order. */
  readonly routed: number[] = [];

  constructor(private readonly backends: number[]) {}

  async listen(): Promise<number> {
    this.server = createServer((client) => this.route(client, 0));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return (this.server!.address() as AddressInfo).port;
  }

  private route(client: Socket, tried: number): void {
    if (tried >= this.backends.length) {
      client.destroy();
      return;
    }
    const index = this.next++ % this.backends.length;
    const upstream = connect(this.backends[index]!, '127.0.0.1');
    client.pause();
    upstream.once('connect', () => {
      this.routed.push(index);
      this.open.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      client.resume();
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.open.delete(client);
        this.open.delete(upstream);
      };
      client.on('close', drop).on('error', drop);
      upstream.on('close', drop).on('error', drop);
    });
    upstream.once('error', () => {
      if (!this.open.has(upstream)) this.route(client, tried + 1);
    });
  }

  async close(): Promise<void> {
    for (const s of this.open) s.destroy();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
