// A small keep-alive HTTP client for the workload: one connection at a time, like a user's browser
// tab issuing requests one after another, timed from the first byte sent to the last byte read.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

export interface HttpResult {
  status: number;
  ms: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

export interface Api {
  baseUrl: string;
  token: string;
}

export function request(
  api: Api,
  method: string,
  url: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const u = new URL(url, api.baseUrl);
  const h: Record<string, string> = { authorization: `Bearer ${api.token}`, ...headers };
  if (body !== undefined) {
    h['content-type'] ??= 'application/json';
    h['content-length'] = String(Buffer.byteLength(body));
  }
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = http.request(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers: h, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - start,
            body: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(120_000, () => req.destroy(new Error(`${method} ${url} took over 120 s`)));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export const getJson = async (api: Api, url: string) => request(api, 'GET', url);
export const postJson = async (api: Api, url: string, body: unknown, headers?: Record<string, string>) =>
  request(api, 'POST', url, JSON.stringify(body), headers);

/** A route the server does not have yet (Fastify's own 404), as opposed to a record not found. */
export const isMissingRoute = (r: HttpResult) => r.status === 404 && /Route .* not found/.test(r.body);
