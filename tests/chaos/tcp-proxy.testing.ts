import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP proxy on 127.0.0.1 that forwards to a target port and can cut every connection through it at will. */
export class ChaosProxy {
  private server: Server | null = null;
  private readonly pairs = new Set<[Socket, Socket]>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** While set, replies from the server are dropped on the floor: acknowledgements get lost, as on a dying link. */
  private swallowing = false;
  cuts = 0;
  swallowed = 0;

  constructor(private readonly targetPort: number) {}

  async listen(): Promise<number> {
    this.server = createServer((client) => {
      const upstream = connect(this.targetPort, '127.0.0.1');
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.pairs.delete(pair);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream);
      upstream.on('data', (chunk: Buffer) => {
        if (this.swallowing) this.swallowed += chunk.length;
        else client.write(chunk);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server!.address() as AddressInfo).port;
  }

  /** Cuts every open connection, mid-message if need be. */
  cutAll(): void {
    if (this.pairs.size > 0) this.cuts += 1;
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    this.pairs.clear();
  }

  /**
   * Cuts at random intervals between `minMs` and `maxMs` until stopped; half of the cuts first swallow the server's
   * replies for a moment, so requests the server has already handled lose their acknowledgement.
   */
  startCutting(minMs: number, maxMs: number, random: () => number): void {
    const schedule = () => {
      this.timer = setTimeout(
        () => {
          if (random() < 0.5) {
            this.swallowing = true;
            this.timer = setTimeout(
              () => {
                this.swallowing = false;
                this.cutAll();
                schedule();
              },
              40 + random() * 120,
            );
            return;
          }
          this.cutAll();
          schedule();
        },
        minMs + random() * (maxMs - minMs),
      );
    };
    schedule();
  }

  stopCutting(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.swallowing = false;
  }

  async close(): Promise<void> {
    this.stopCutting();
    this.cutAll();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
