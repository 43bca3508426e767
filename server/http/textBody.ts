/** A whole, bounded request body as UTF-8 text, every failure a clear 4xx (for one-document formats). */
import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';
import { HttpError } from './respond.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function readTextBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await getRawBody(req, { limit: limitBytes, length: req.headers['content-length'] });
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') throw new HttpError(413, 'body_too_large', `the body exceeds ${limitBytes} bytes`);
    if (type === 'request.aborted') throw new HttpError(400, 'aborted', 'the request was aborted');
    throw new HttpError(400, 'unreadable_body', 'the body could not be read');
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new HttpError(400, 'invalid_utf8', 'the body is not valid UTF-8');
  }
}
