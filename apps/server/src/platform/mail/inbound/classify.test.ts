import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { classifyInbound } from './classify';
import { autoSubmitted, chineseAutoReply, dsnBounce, outOfOffice, personMessage } from './fixtures';

const parse = (raw: string) => simpleParser(raw);

describe('recognising inbound mail', () => {
  it('reads a delivery status notification: recipient, status, diagnostic, original Message-ID', async () => {
    const c = classifyInbound(
      await parse(dsnBounce({ to: 'Gone@Example.test', originalMessageId: '<abc@acme.test>' })),
      '',
    );
    expect(c.kind).toBe('bounce');
    if (c.kind !== 'bounce') return;
    expect(c.bounce.originalMessageId).toBe('<abc@acme.test>');
    expect(c.bounce.recipients).toEqual([
      { address: 'gone@example.test', status: '5.1.1', diagnostic: expect.stringContaining('User unknown') },
    ]);
    expect(c.bounce.permanent).toBe(true);
  });

  it('tells a temporary delay (4.x.x) from a permanent failure', async () => {
    const c = classifyInbound(
      await parse(
        dsnBounce({ to: 'busy@example.test', originalMessageId: '<x@acme.test>', status: '4.2.0' }),
      ),
      '',
    );
    expect(c.kind === 'bounce' && c.bounce.permanent).toBe(false);
  });

  it('recognises automatic replies in their usual disguises', async () => {
    const from = 'li@example.test';
    const to = 'sales@acme.test';
    expect(classifyInbound(await parse(outOfOffice({ from, to })), from).kind).toBe('autoReply');
    expect(classifyInbound(await parse(autoSubmitted({ from, to })), from).kind).toBe('autoReply');
    expect(classifyInbound(await parse(chineseAutoReply({ from, to })), from).kind).toBe('autoReply');
    const precedence = personMessage({ from, to }).replace(
      'Content-Type',
      'Precedence: bulk\r\nContent-Type',
    );
    expect(classifyInbound(await parse(precedence), from).kind).toBe('autoReply');
  });

  it('takes a person’s reply as a message, even one saying "Auto-Submitted: no"', async () => {
    const from = 'li@example.test';
    expect(classifyInbound(await parse(personMessage({ from, to: 'sales@acme.test' })), from).kind).toBe(
      'message',
    );
    const explicitNo = personMessage({ from, to: 'sales@acme.test' }).replace(
      'Content-Type',
      'Auto-Submitted: no\r\nContent-Type',
    );
    expect(classifyInbound(await parse(explicitNo), from).kind).toBe('message');
    // "Re: Out of office party" is still a person writing.
    const party = personMessage({ from, to: 'sales@acme.test', subject: 'Re: Office party on Friday' });
    expect(classifyInbound(await parse(party), from).kind).toBe('message');
  });
});
