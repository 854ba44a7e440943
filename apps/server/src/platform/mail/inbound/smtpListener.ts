// The inbound SMTP listener (INBOUND_SMTP_PORT): accepts mail for any address (it is a dropbox
// behind the real MX, or the address reps BCC), reads each message whole up to a size limit and
// gives it to receiveInbound. A message that cannot be stored is refused with a temporary error, so
// the sending server keeps it and tries again instead of it being lost.
import type { AddressInfo } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { SMTPServer } from 'smtp-server';
import type { Db } from '../../db/schema';
import { receiveInbound } from './receiveInbound';

export const INBOUND_MAX_BYTES = 25 * 1024 * 1024;

export interface InboundListener {
  port: number;
  close(): Promise<void>;
}

export async function startInboundSmtp(
  db: Db,
  log: FastifyBaseLogger,
  opts: { host: string; port: number },
): Promise<InboundListener> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: INBOUND_MAX_BYTES,
    maxClients: 50,
    banner: 'Rapport inbound mail',
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          return cb(Object.assign(new Error('Message too large'), { responseCode: 552 }));
        }
        const envelope = {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        };
        receiveInbound(db, Buffer.concat(chunks), envelope)
          .then((r) => {
            if (r.outcome !== 'unrouted') return cb();
            // Refused rather than dropped: the sending server tells its sender.
            log.warn({ rcptTo: envelope.rcptTo }, 'inbound mail for no known workspace');
            cb(
              Object.assign(new Error('No workspace here takes mail for this address'), {
                responseCode: 550,
              }),
            );
          })
          .catch((err) => {
            log.error({ err }, 'could not store inbound mail');
            cb(
              Object.assign(new Error('Could not store the message; try again later'), { responseCode: 451 }),
            );
          });
      });
    },
  });
  server.on('error', (err) => log.error({ err }, 'inbound SMTP error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
