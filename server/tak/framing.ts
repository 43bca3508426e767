/**
 * TAK streaming framing (protocol version 0, XML): a stream of concatenated CoT `<event>`s, as TAK
 * servers send and accept them, split after each complete `</event>`. Whitespace, XML declarations
 * and control characters between events are dropped. Anything that is not heading for an event,
 * an event larger than the limit, or a DOCTYPE/ENTITY is a protocol error: the caller closes the
 * connection.
 */
export const MAX_EVENT_BYTES = 64 * 1024;

export class FramingError extends Error {}

const END = '</event>';

export class CotFramer {
  private buffer = '';

  constructor(private readonly maxEventBytes = MAX_EVENT_BYTES) {}

  /** Adds received text and returns the complete events it finished, in order. Throws FramingError. */
  push(chunk: string): string[] {
    this.buffer += chunk;
    const events: string[] = [];
    for (;;) {
      this.buffer = this.buffer.replace(/^(?:\s|\0|<\?xml[^>]*\?>)+/, '');
      if (/<!DOCTYPE|<!ENTITY/i.test(this.buffer)) throw new FramingError('DOCTYPE and ENTITY declarations are refused');
      if (this.buffer.length && !'<event'.startsWith(this.buffer.slice(0, 6)) && !this.buffer.startsWith('<event')) {
        throw new FramingError(`expected a CoT <event>, got ${JSON.stringify(this.buffer.slice(0, 20))}`);
      }
      const end = this.buffer.indexOf(END);
      if (end === -1) break;
      const event = this.buffer.slice(0, end + END.length);
      if (Buffer.byteLength(event) > this.maxEventBytes) throw new FramingError(`an event of more than ${this.maxEventBytes} bytes`);
      events.push(event);
      this.buffer = this.buffer.slice(end + END.length);
    }
    if (Buffer.byteLength(this.buffer) > this.maxEventBytes) throw new FramingError(`an event of more than ${this.maxEventBytes} bytes`);
    return events;
  }
}
