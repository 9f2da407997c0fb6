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

/** Head of an event frame: `2`, an optional `/namespace,`, an optional ack id, then `["event",`. */
const EVENT_HEAD = /^2(\/[^,]{0,200},)?(\d{1,15})?\["([^"\\]{1,64})"/;

/**
 * The Socket.IO parser with one shortcut: an event frame longer than `limit` characters is not parsed as JSON; its
 * handler receives an OversizeMessage with the event's name and acknowledgement intact, so the sender still gets a
 * typed `too_large` answer. Everything else goes through the stock decoder.
 */
export function frameParser(limit: number) {
  class FrameDecoder extends Decoder {
    override add(frame: unknown): void {
      if (typeof frame === 'string' && frame.length > limit) {
        const head = EVENT_HEAD.exec(frame.slice(0, 300));
        if (head) {
          this.emitReserved('decoded', {
            type: PacketType.EVENT,
            nsp: head[1] ? head[1].slice(0, -1) : '/',
            ...(head[2] !== undefined ? { id: Number(head[2]) } : {}),
            data: [head[3], new OversizeMessage(frame.length)],
          });
          return;
        }
      }
      super.add(frame);
    }
  }
  return { Encoder, Decoder: FrameDecoder, protocol };
}
