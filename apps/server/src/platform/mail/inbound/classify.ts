// Recognises what an incoming message is before anything acts on it: a bounce (a delivery status
// notification, RFC 3464, or a mailer daemon's plain-text equivalent), an automatic reply (RFC 3834
// Auto-Submitted, the X-Autoreply family, Precedence, out-of-office subjects in several languages),
// or a message from a person. Bounces and automatic replies never count as replies and are never
// answered, which is what keeps two robots from mailing each other forever.
import type { ParsedMail } from 'mailparser';

export interface BounceInfo {
  originalMessageId: string | null;
  recipients: { address: string; status: string | null; diagnostic: string | null }[];
  /** 5.x.x: the address will not work (suppress it); 4.x.x: a delay, nothing to do. */
  permanent: boolean;
}

export type Classification =
  | { kind: 'bounce'; bounce: BounceInfo }
  | { kind: 'autoReply'; reason: string }
  | { kind: 'message' };

const headerText = (mail: ParsedMail, name: string): string | null => {
  const line = mail.headerLines.find((h) => h.key === name)?.line;
  return line
    ? line
        .slice(line.indexOf(':') + 1)
        .replace(/\r?\n\s+/g, ' ')
        .trim()
    : null;
};

const daemonFrom = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const bounceSubject =
  /(undeliver(able|ed)|delivery (status notification|has failed|failure)|mail delivery (failed|failure|subsystem)|returned mail|failure notice|could not be delivered|退信|无法投递|未能送达|投递失败)/i;
const autoSubject =
  /^\s*(auto(matic)?[\s_-]*(reply|response|antwort)|out of (the )?office|ooo\b|away from (the )?office|abwesenheit|réponse automatique|respuesta automática|自动回复|自動回覆|外出|休假|不在办公室)/i;

export function classifyInbound(mail: ParsedMail, envelopeFrom: string | null): Classification {
  const contentType = headerText(mail, 'content-type') ?? '';
  const from = mail.from?.value[0]?.address ?? '';
  const reports = mail.attachments.filter((a) => a.contentType === 'message/delivery-status');
  const isReport =
    /multipart\/report/i.test(contentType) && /report-type\s*=\s*"?delivery-status/i.test(contentType);
  const nullSender = envelopeFrom === '' || envelopeFrom === '<>';
  if (
    isReport ||
    reports.length ||
    (daemonFrom.test(from) && bounceSubject.test(mail.subject ?? '')) ||
    (nullSender && bounceSubject.test(mail.subject ?? ''))
  ) {
    return { kind: 'bounce', bounce: parseBounce(mail) };
  }

  const autoSubmitted = headerText(mail, 'auto-submitted');
  if (autoSubmitted && !/^no\b/i.test(autoSubmitted))
    return { kind: 'autoReply', reason: `Auto-Submitted: ${autoSubmitted}` };
  for (const h of ['x-autoreply', 'x-autorespond', 'x-autoresponder', 'x-auto-reply']) {
    if (headerText(mail, h)) return { kind: 'autoReply', reason: h };
  }
  const precedence = headerText(mail, 'precedence');
  if (precedence && /^(auto_reply|bulk|junk)$/i.test(precedence))
    return { kind: 'autoReply', reason: `Precedence: ${precedence}` };
  const suppress = headerText(mail, 'x-auto-response-suppress');
  if (suppress && /\b(oof|autoreply|all)\b/i.test(suppress) && autoSubject.test(mail.subject ?? '')) {
    return { kind: 'autoReply', reason: 'out of office' };
  }
  if (autoSubject.test(mail.subject ?? '')) return { kind: 'autoReply', reason: 'subject' };
  if (nullSender || daemonFrom.test(from)) return { kind: 'autoReply', reason: 'sent by a mail system' };
  return { kind: 'message' };
}

function recipientBlocks(text: string, into: BounceInfo['recipients']) {
  // One block per recipient, separated by blank lines; the first block is about the message.
  for (const block of text.split(/\r?\n\s*\r?\n/)) {
    const rcpt = /^(?:final|original)-recipient:\s*(?:rfc822;)?\s*<?([^\s>]+)>?/im.exec(block);
    if (!rcpt) continue;
    const address = rcpt[1]!.toLowerCase();
    if (into.some((r) => r.address === address)) continue;
    into.push({
      address,
      status: /^status:\s*([245]\.\d{1,3}\.\d{1,3})/im.exec(block)?.[1] ?? null,
      diagnostic:
        /^diagnostic-code:\s*(.+(?:\r?\n[ \t].+)*)/im.exec(block)?.[1]?.replace(/\s+/g, ' ').trim() ?? null,
    });
  }
}

function parseBounce(mail: ParsedMail): BounceInfo {
  const recipients: BounceInfo['recipients'] = [];
  let originalMessageId: string | null = null;
  for (const a of mail.attachments) {
    const text = a.content.toString('utf8');
    if (a.contentType === 'message/delivery-status') recipientBlocks(text, recipients);
    else if (a.contentType === 'message/rfc822' || a.contentType === 'text/rfc822-headers') {
      originalMessageId ??= /^message-id:\s*(<[^>\s]+>)/im.exec(text)?.[1] ?? null;
    }
  }
  // mailparser shows a delivery-status part as text of the message: read the blocks there too.
  const body = mail.text ?? '';
  recipientBlocks(body, recipients);
  originalMessageId ??= /^message-id:\s*(<[^>\s]+>)/im.exec(body)?.[1] ?? null;
  if (!recipients.length) {
    const failed = headerText(mail, 'x-failed-recipients');
    for (const address of failed
      ?.split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean) ?? []) {
      recipients.push({ address, status: /\b(5\.\d\.\d)\b/.exec(body)?.[1] ?? null, diagnostic: null });
    }
  }
  const permanent = recipients.length
    ? recipients.some((r) => !r.status || r.status.startsWith('5'))
    : !/\b4\.\d\.\d\b|temporar|delayed|延迟/i.test(body);
  return { originalMessageId, recipients, permanent };
}
