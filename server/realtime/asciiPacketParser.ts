/**
 * Socket.IO's own packet parser, with every character outside ASCII in the JSON it sends written
 * as a \u escape. Chromium decodes WebSocket text frames that hold non-ASCII UTF-8 slowly, on the
 * page's main thread: a wall following thousands of units whose callsigns and reports are Spanish
 * ("Móvil", "Tacna–Arica") lost most of its frames to it (bench/wsTextCost.ts measures the bare
 * browser: long tasks for the accented frame, none for the same data escaped). JSON.parse turns
 * the escapes back into the same strings, so clients keep Socket.IO's default decoder.
 */
import { Decoder, Encoder, type Packet } from 'socket.io-parser';

const HAS_NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII = /[^\x00-\x7f]/g;

/** Writes each UTF-16 code unit outside ASCII as \uXXXX (surrogate pairs as two escapes, as JSON allows). */
export function escapeNonAscii(json: string): string {
  if (!HAS_NON_ASCII.test(json)) return json;
  return json.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

class AsciiEncoder extends Encoder {
  override encode(packet: Packet): Array<string | Buffer> {
    // Non-ASCII can only occur inside JSON strings here (the namespace is "/"), where an escape is equivalent.
    return super.encode(packet).map((part: string | Buffer) => (typeof part === 'string' ? escapeNonAscii(part) : part));
  }
}

/** For `new Server(http, { parser: asciiPacketParser })`. */
export const asciiPacketParser = { Encoder: AsciiEncoder, Decoder };
