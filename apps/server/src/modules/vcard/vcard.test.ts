// vCard reading (2.1, 3.0, 4.0 as phones and mail programs write them) and vCard 4.0 writing.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseVcards } from './parseVcard';
import { vcardToColumns } from './vcardColumns';
import { foldLine, writeVcard } from './writeVcard';

describe('reading vCards', () => {
  it('reads a vCard 3.0 from macOS Contacts with groups, folding and escapes', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Lovelace;Ada;King;;',
      'FN:Ada King Lovelace',
      'ORG:Analytical Engines\\, Ltd;Research',
      'TITLE:Chief Mathematician',
      'item1.EMAIL;type=INTERNET;type=pref:ada@example.com',
      'EMAIL;type=INTERNET;type=HOME:ada.home@example.org',
      'TEL;type=CELL;type=VOICE:+44 7700 900123',
      'TEL;type=WORK;type=VOICE:+44 20 7946 0958',
      "ADR;type=WORK:;;12 St James's Square;London;;SW1Y 4JH;United Kingdom",
      'NOTE:Met at the Royal Society\\; wants a demo.\\nCall back in March.',
      'URL:https://example.com/ada',
      'BDAY:1815-12-10',
      'NOTE:This note is folded across',
      '  two lines.',
      'END:VCARD',
    ].join('\r\n');
    const [card] = parseVcards(text);
    expect(vcardToColumns(card!)).toEqual({
      firstName: 'Ada King',
      lastName: 'Lovelace',
      fullName: 'Ada King Lovelace',
      email: 'ada@example.com',
      emails: 'ada.home@example.org',
      phone: '+44 20 7946 0958',
      mobile: '+44 7700 900123',
      phones: '',
      title: 'Chief Mathematician',
      company: 'Analytical Engines, Ltd',
      address: "12 St James's Square, London, SW1Y 4JH, United Kingdom",
      description:
        'Met at the Royal Society; wants a demo.\nCall back in March.\nThis note is folded across two lines.',
      website: 'https://example.com/ada',
      birthday: '1815-12-10',
      uid: '',
      socialProfiles: '',
    });
  });

  it('reads vCard 2.1 with quoted-printable GBK and UTF-8 text and bare types', () => {
    const qp = (s: string, cs: string) =>
      [...iconv.encode(s, cs)].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    const text = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      `N;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:${qp('张', 'gbk')};${qp('伟', 'gbk')};;;`,
      `FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${qp('张伟', 'utf8')}`,
      // A soft line break inside a quoted-printable value.
      `ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${qp('北京云帆', 'utf8')}=`,
      `${qp('科技', 'utf8')}`,
      'TEL;CELL:13800138000',
      'TEL;WORK;VOICE:010-8888 6666',
      'END:VCARD',
    ].join('\r\n');
    const [card] = parseVcards(text);
    expect(card!.version).toBe('2.1');
    expect(vcardToColumns(card!)).toMatchObject({
      lastName: '张',
      firstName: '伟',
      fullName: '张伟',
      company: '北京云帆科技',
      mobile: '13800138000',
      phone: '010-8888 6666',
    });
  });

  it('reads vCard 4.0 with tel: URIs, PREF and quoted parameters', () => {
    const text = [
      'BEGIN:VCARD',
      'VERSION:4.0',
      'UID:urn:uuid:0192b3c4-0000-7000-8000-000000000001',
      'FN:Grace Hopper',
      'N:Hopper;Grace;;;',
      'EMAIL;PREF=2:grace.other@example.com',
      'EMAIL;PREF=1:grace@example.com',
      'TEL;VALUE=uri;TYPE="voice,cell":tel:+1-202-555-0101',
      'ADR;LABEL="1 Navy Way, Arlington":;;;;;;',
      'END:VCARD',
    ].join('\n');
    const cols = vcardToColumns(parseVcards(text)[0]!);
    expect(cols).toMatchObject({
      email: 'grace@example.com',
      emails: 'grace.other@example.com',
      // The only number is a mobile: it becomes the main number, never lost on objects without a mobile field.
      phone: '+1-202-555-0101',
      mobile: '',
      address: '1 Navy Way, Arlington',
      uid: '0192b3c4-0000-7000-8000-000000000001',
    });
  });

  it('reads several cards, tolerating a missing END and text between cards', () => {
    const text =
      'junk\nBEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\nmore junk\nBEGIN:VCARD\nFN:B\nBEGIN:VCARD\nFN:C\n';
    expect(parseVcards(text).map((c) => vcardToColumns(c).fullName)).toEqual(['A', 'B', 'C']);
  });
});

describe('writing vCard 4.0', () => {
  const contact = {
    id: '0192b3c4-0000-7000-8000-0000000000aa',
    firstName: '娜娜',
    lastName: '欧阳',
    email: 'nana@example.cn',
    phone: '+862168881234',
    mobile: '+8613800138000 ext. 12',
    title: '销售总监, 华东区',
    company: '上海云帆贸易有限公司',
    address: '上海市浦东新区世纪大道100号; 20楼',
    note: `第一行\n第二行 ${'很长的备注'.repeat(20)}`,
    birthday: '1990-05-20',
    socialProfiles: [{ network: 'WeChat', handle: 'nana_ouyang' }],
    updatedAt: '2026-03-01T10:11:12.000Z',
  };

  it('writes a card that reads back to the same values', () => {
    const out = writeVcard(contact);
    expect(
      out.startsWith(
        'BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:0192b3c4-0000-7000-8000-0000000000aa\r\nFN:欧阳娜娜\r\n',
      ),
    ).toBe(true);
    expect(out).toContain('REV:20260301T101112Z\r\n');
    expect(out).toContain('X-SOCIALPROFILE;TYPE=wechat:nana_ouyang');
    for (const line of out.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const cols = vcardToColumns(parseVcards(out)[0]!);
    expect(cols).toEqual({
      firstName: '娜娜',
      lastName: '欧阳',
      fullName: '欧阳娜娜',
      email: 'nana@example.cn',
      emails: '',
      phone: '+862168881234',
      mobile: '+8613800138000;ext=12',
      phones: '',
      title: '销售总监, 华东区',
      company: '上海云帆贸易有限公司',
      address: '上海市浦东新区世纪大道100号; 20楼',
      description: contact.note,
      website: '',
      birthday: '1990-05-20',
      uid: contact.id,
      socialProfiles: 'wechat: nana_ouyang',
    });
  });

  it('folds without splitting a multi-byte character', () => {
    const folded = foldLine(`NOTE:${'张'.repeat(60)}`);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(75);
      expect(p).not.toContain('\uFFFD');
    }
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(`NOTE:${'张'.repeat(60)}`);
  });
});
