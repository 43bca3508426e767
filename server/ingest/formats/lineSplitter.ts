/**
 * Splits a byte stream into lines without ever holding more than one line (plus one chunk) in
 * memory. A line longer than the limit is not buffered: its bytes are dropped up to the next
 * newline and it is reported as too long, so one runaway line cannot exhaust the server and
 * does not stop the lines after it. Hand-written rather than node:readline (which has no length
 * limit) or split2 (which aborts the whole stream on a long line).
 *
 * Splitting on the byte 0x0A is safe in UTF-8: no multi-byte character contains it.
 */

export type SplitLine = { line: number; bytes: Buffer; tooLong?: undefined } | { line: number; tooLong: true; length: number };

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export async function* splitLines(source: AsyncIterable<Buffer | string>, maxLineBytes: number): AsyncGenerator<SplitLine> {
  let parts: Buffer[] = [];
  let held = 0;
  /** Bytes of the current line seen so far, including those dropped when it grew too long. */
  let length = 0;
  let overflow = false;
  let line = 1;

  const finishLine = (): SplitLine => {
    const bytes = overflow ? null : withoutCarriageReturn(parts.length === 1 ? parts[0] : Buffer.concat(parts, held));
    const done: SplitLine = bytes && bytes.length <= maxLineBytes ? { line, bytes } : { line, tooLong: true, length };
    parts = [];
    held = 0;
    length = 0;
    overflow = false;
    line += 1;
    return done;
  };

  const take = (piece: Buffer) => {
    length += piece.length;
    if (overflow) return;
    if (held + piece.length > maxLineBytes + 1) {
      // +1: a line may end in "\r" that is not part of its content.
      overflow = true;
      parts = [];
      held = 0;
      return;
    }
    parts.push(piece);
    held += piece.length;
  };

  for await (const raw of source) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    let start = 0;
    for (;;) {
      const end = chunk.indexOf(NEWLINE, start);
      if (end === -1) {
        if (start < chunk.length) take(chunk.subarray(start));
        break;
      }
      take(chunk.subarray(start, end));
      yield finishLine();
      start = end + 1;
    }
  }
  if (length > 0 || overflow) yield finishLine();
}

function withoutCarriageReturn(bytes: Buffer): Buffer {
  return bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN ? bytes.subarray(0, -1) : bytes;
}
