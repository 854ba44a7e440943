// Raw messages as real mail systems write them, for the inbound tests: a DSN (RFC 3464), an
// Exchange-style out-of-office, an RFC 3834 auto-reply, a Chinese auto-reply and a person's reply.
const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

export function dsnBounce(opts: { to: string; originalMessageId: string; status?: string; from?: string }) {
  const status = opts.status ?? '5.1.1';
  return crlf(`From: Mail Delivery System <${opts.from ?? 'MAILER-DAEMON@mx.example.test'}>
To: sales@acme.test
Subject: Undelivered Mail Returned to Sender
Message-ID: <dsn-${Math.random().toString(36).slice(2)}@mx.example.test>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="BOUND"

--BOUND
Content-Type: text/plain; charset=us-ascii

This is the mail system. Your message could not be delivered to ${opts.to}.

--BOUND
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.test
Arrival-Date: Mon, 1 Dec 2026 10:00:00 +0000

Final-Recipient: rfc822; ${opts.to}
Original-Recipient: rfc822;${opts.to}
Action: failed
Status: ${status}
Diagnostic-Code: smtp; ${status.startsWith('5') ? '550 5.1.1 <' + opts.to + '>: Recipient address rejected: User unknown' : '451 4.2.0 Mailbox busy'}

--BOUND
Content-Type: text/rfc822-headers

From: Acme Sales <sales@acme.test>
To: ${opts.to}
Subject: Welcome
Message-ID: ${opts.originalMessageId}

--BOUND--
`);
}

export function outOfOffice(opts: { from: string; to: string; inReplyTo?: string }) {
  return crlf(`From: ${opts.from}
To: ${opts.to}
Subject: Automatic reply: Welcome
Message-ID: <ooo-${Math.random().toString(36).slice(2)}@example.test>
${opts.inReplyTo ? `In-Reply-To: ${opts.inReplyTo}\n` : ''}X-Auto-Response-Suppress: All
Content-Type: text/plain; charset=utf-8

I am out of the office until Monday.
`);
}

export function autoSubmitted(opts: { from: string; to: string; inReplyTo?: string; subject?: string }) {
  return crlf(`From: ${opts.from}
To: ${opts.to}
Subject: ${opts.subject ?? 'Re: Welcome'}
Message-ID: <auto-${Math.random().toString(36).slice(2)}@example.test>
${opts.inReplyTo ? `In-Reply-To: ${opts.inReplyTo}\n` : ''}Auto-Submitted: auto-replied
Content-Type: text/plain; charset=utf-8

Thank you for your message.
`);
}

export function chineseAutoReply(opts: { from: string; to: string }) {
  return crlf(`From: ${opts.from}
To: ${opts.to}
Subject: =?UTF-8?B?${Buffer.from('自动回复：欢迎').toString('base64')}?=
Message-ID: <zh-${Math.random().toString(36).slice(2)}@example.test>
Content-Type: text/plain; charset=utf-8

您好，我正在休假。
`);
}

export function personMessage(opts: {
  from: string;
  to: string;
  cc?: string;
  subject?: string;
  inReplyTo?: string;
  messageId?: string;
  body?: string;
}) {
  return crlf(`From: ${opts.from}
To: ${opts.to}
${opts.cc ? `Cc: ${opts.cc}\n` : ''}Subject: ${opts.subject ?? 'Re: Welcome'}
Message-ID: ${opts.messageId ?? `<p-${Math.random().toString(36).slice(2)}@example.test>`}
${opts.inReplyTo ? `In-Reply-To: ${opts.inReplyTo}\nReferences: ${opts.inReplyTo}\n` : ''}Content-Type: text/plain; charset=utf-8

${opts.body ?? 'Sounds good, please call me tomorrow.'}
`);
}
