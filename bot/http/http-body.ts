import type { IncomingMessage, ServerResponse } from 'node:http';

/** Strict UTF-8 (invalid bytes throw); stateless for whole-buffer decodes, so one serves every request. */
export const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The media type of a Content-Type header, lower-cased, without its parameters. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The charset parameter of a Content-Type header, lower-cased and unquoted; undefined when absent. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*("?)([^";\s]*)\1/i.exec(contentType ?? '');
  return match ? (match[2] ?? '').toLowerCase() : undefined;
}

/** Reads the whole body, or stops at the limit without buffering the rest. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve('too-large');
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume();
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * A JSON request body as a value, or the 4xx that says why not: 415 for a compressed body or a charset
 * other than UTF-8, 400 for another media type, bytes that are not UTF-8 or malformed JSON, 413 over
 * `limit` bytes.
 */
export async function readJsonBody(
  req: IncomingMessage,
  limit: number,
): Promise<{ body: unknown } | { status: number; error: string }> {
  const encoding = req.headers['content-encoding'];
  const charset = charsetOf(req.headers['content-type']);
  if ((encoding !== undefined && encoding !== 'identity') || (charset !== undefined && charset !== 'utf-8')) {
    req.resume();
    return { status: 415, error: 'unsupported content type or encoding' };
  }
  if (mediaType(req.headers['content-type']) !== 'application/json') {
    req.resume();
    return { status: 400, error: 'expected a JSON activity' };
  }
  const raw = await readBody(req, limit);
  if (raw === 'too-large') return { status: 413, error: 'request body too large' };
  try {
    return { body: JSON.parse(UTF8.decode(raw)) };
  } catch {
    return { status: 400, error: 'malformed request body' };
  }
}

/** Answers with a JSON body, or with none for `undefined`; does nothing once headers have gone. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
