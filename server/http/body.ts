/** Reading a JSON request body with a size limit, turning every failure into a clear 4xx. */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './respond.ts';
import { readTextBody } from './textBody.ts';

export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(415, 'unsupported_media_type', 'send the body as application/json');
  }
  const text = await readTextBody(req, limitBytes);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'malformed_json', `malformed JSON: ${(error as Error).message}`);
  }
}
