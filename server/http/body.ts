/** Reading a JSON request body with a size limit, turning every failure into a clear 4xx. */
import type { IncomingMessage } from 'node:http';
import getRawBody from 'raw-body';
import { HttpError } from './respond.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, 'unsupported_media_type', 'send the body as application/json');
  }
  let bytes: Buffer;
  try {
    bytes = await getRawBody(req, { limit: limitBytes, length: req.headers['content-length'] });
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') {
      throw new HttpError(413, 'body_too_large', `the body exceeds ${limitBytes} bytes`);
    }
    if (type === 'request.aborted') throw new HttpError(400, 'aborted', 'the request was aborted');
    throw new HttpError(400, 'unreadable_body', 'the body could not be read');
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new HttpError(400, 'invalid_utf8', 'the body is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'malformed_json', `malformed JSON: ${(error as Error).message}`);
  }
}
