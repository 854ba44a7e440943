// Test helpers: multipart uploads built by hand (exactly what a browser sends) and a poll for
// imports that run in the background.
import { randomBytes } from 'node:crypto';
import type { Client } from '../../../../test/harness';

export interface UploadParts {
  file?: { name: string; content: Buffer | string; type?: string };
  object?: string;
  options?: unknown;
  extra?: Record<string, string>;
}

export function multipart(parts: UploadParts): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----rapport${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  const field = (name: string, value: string) =>
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  if (parts.object !== undefined) field('object', parts.object);
  if (parts.options !== undefined)
    field('options', typeof parts.options === 'string' ? parts.options : JSON.stringify(parts.options));
  for (const [k, v] of Object.entries(parts.extra ?? {})) field(k, v);
  if (parts.file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${parts.file.name}"\r\nContent-Type: ${parts.file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    chunks.push(Buffer.isBuffer(parts.file.content) ? parts.file.content : Buffer.from(parts.file.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function upload(client: Client, parts: UploadParts) {
  const { payload, headers } = multipart(parts);
  return client.request('POST', '/api/v1/imports', payload, headers);
}

/** Polls an import until it has finished (or been undone); the body of its last state. */
export async function waitForImport(
  client: Client,
  id: string,
  timeoutMs = 120_000,
): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await client.get(`/api/v1/imports/${id}`);
    const body = res.json();
    if (['completed', 'failed', 'undone'].includes(body.status)) return body;
    if (Date.now() > deadline) throw new Error(`import ${id} still ${body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
