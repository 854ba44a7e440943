// A real HTTP receiver on 127.0.0.1 for webhook tests: keeps every request with its raw body and
// checks the signature the way an integrator would, with verifyRapportSignature and the secret.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyRapportSignature } from './signature';

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  signatureValid: boolean;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** The status code to answer with (200 by default). */
  status: number;
  secret: string;
  /** The receiver's notion of now, in unix seconds (tests move the clock). */
  nowSeconds: () => number;
  close(): Promise<void>;
}

export async function startReceiver(secret: string, nowSeconds: () => number): Promise<Receiver> {
  const rec: Receiver = { url: '', received: [], status: 200, secret, nowSeconds, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = req.headers['x-rapport-signature'];
      rec.received.push({
        headers: req.headers,
        body,
        signatureValid: verifyRapportSignature(
          typeof header === 'string' ? header : undefined,
          body,
          rec.secret,
          {
            nowSeconds: rec.nowSeconds(),
          },
        ),
      });
      res.statusCode = rec.status;
      res.end(rec.status < 300 ? 'ok' : 'not today');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  rec.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  rec.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return rec;
}
