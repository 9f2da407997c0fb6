import { Decoder, Encoder, PacketType, protocol } from 'socket.io-parser';

/**
 * What the server hands an event's handler in place of a message too large to be one: its size, not its content.
 * A frame this long was never parsed, so a flood of oversized messages costs the server no more than reading them.
 */
export class OversizeMessage {
  constructor(
    /** At least this many UTF-8 bytes (a string's UTF-16 length never exceeds its UTF-8 length). */
    readonly bytes: number,
  ) {}
}

/**
 * A large message not parsed yet: parsed only once its sender has been let through, so a flooding client told to wait
 * costs the server the reading of its frames, not their parsing.
 */
export class UnparsedMessage {
  constructor(
    private readonly frame: string,
    /** Where the event's JSON array starts in the frame. */
    private readonly from: number,
  ) {}

  get length(): number {
    return this.frame.length;
  }

  /** The event's payload; throws a SyntaxError when the frame is not a JSON array led by the event's name. */
  parse(): unknown {
    const args: unknown = JSON.parse(this.frame.slice(this.from));
    if (!Array.isArray(args) || typeof args[0] !== 'string') throw new SyntaxError('not an event');
    return args[1];
  }
}

/** Head of an event frame: `2`, an optional `/namespace,`, an optional ack id, then `["event",`. */
const EVENT_HEAD = /^2(\/[^,]{0,200},)?(\d{1,15})?\["([^"\\]{1,64})"/;

/** Frames from this many characters are parsed lazily (UnparsedMessage); below it parsing costs less than deciding. */
const LAZY_FROM = 16_384;

/**
 * The Socket.IO parser with two shortcuts for large event frames, which keep the event's name and acknowledgement:
 * one longer than `limit` characters is never parsed (its handler gets an OversizeMessage and answers `too_large`);
 * one over 16 kB is parsed when its handler asks (UnparsedMessage). Everything else goes through the stock decoder.
 */
export function frameParser(limit: number) {
  class FrameDecoder extends Decoder {
    override add(frame: unknown): void {
      if (typeof frame === 'string' && frame.length >= LAZY_FROM) {
        const head = EVENT_HEAD.exec(frame.slice(0, 300));
        if (head) {
          const from = 1 + (head[1]?.length ?? 0) + (head[2]?.length ?? 0);
          this.emitReserved('decoded', {
            type: PacketType.EVENT,
            nsp: head[1] ? head[1].slice(0, -1) : '/',
            ...(head[2] !== undefined ? { id: Number(head[2]) } : {}),
            data: [
              head[3],
              frame.length > limit ? new OversizeMessage(frame.length) : new UnparsedMessage(frame, from),
            ],
          });
          return;
        }
      }
      super.add(frame);
    }
  }
  return { Encoder, Decoder: FrameDecoder, protocol };
}
