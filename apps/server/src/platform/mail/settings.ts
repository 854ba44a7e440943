// What the mail code needs from the configuration: whether SMTP is set up, the From address, and the
// public base URL that links in messages (unsubscribe, forms) point at.
import type { Config } from '../config';

export interface MailSettings {
  smtpUrl: string | null;
  fromName: string | null;
  fromAddress: string;
  publicUrl: string;
  /** The right-hand side of the Message-IDs we generate. */
  messageIdDomain: string;
}

export function parseAddress(s: string): { name: string | null; address: string } {
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(s);
  if (m) return { name: m[1]!.trim() || null, address: m[2]!.trim() };
  return { name: null, address: s.trim() };
}

export function mailSettings(config: Config): MailSettings {
  const from = parseAddress(config.SMTP_FROM);
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const publicUrl = config.PUBLIC_URL ?? `http://${host}:${config.PORT}`;
  const domain = from.address.split('@')[1]?.replace(/[^\w.-]/g, '') || 'rapport.local';
  return {
    smtpUrl: config.SMTP_URL ?? null,
    fromName: from.name,
    fromAddress: from.address,
    publicUrl: publicUrl.replace(/\/$/, ''),
    messageIdDomain: domain,
  };
}

export const NO_SMTP_NOTE =
  'No SMTP server is configured (set SMTP_URL): the message waits in the outbox and is sent once one is.';
