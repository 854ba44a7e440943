import { describe, expect, it } from 'vitest';
import { htmlToText, renderTemplate, templateProblems, textToHtml } from './mergeFields';

describe('merge fields', () => {
  const ctx = {
    contact: { firstName: 'Wei', lastName: '张', email: 'w@example.test' },
    owner: { name: 'Ada <Admin>' },
    deal: { amount: { amount: '20000.00', currency: 'CNY' }, tags: ['a', 'b'] },
  };

  it('fills paths, money and lists, and leaves missing values empty', () => {
    expect(renderTemplate('Hi {{contact.firstName}} {{contact.lastName}}', ctx, { html: false })).toBe(
      'Hi Wei 张',
    );
    expect(renderTemplate('{{deal.amount}} / {{deal.tags}}', ctx, { html: false })).toBe(
      '20000.00 CNY / a, b',
    );
    expect(renderTemplate('[{{contact.title}}]', ctx, { html: false })).toBe('[]');
    expect(renderTemplate('{{ contact.title || "there" }}', ctx, { html: false })).toBe('there');
    expect(renderTemplate('{{contact.constructor}}', ctx, { html: false })).toBe('');
  });

  it('escapes values in HTML but not in plain text', () => {
    expect(renderTemplate('<b>{{owner.name}}</b>', ctx, { html: true })).toBe('<b>Ada &lt;Admin&gt;</b>');
    expect(renderTemplate('{{owner.name}}', ctx, { html: false })).toBe('Ada <Admin>');
  });

  it('reports bad syntax and unknown roots with the offending token', () => {
    expect(templateProblems('Hi {{contact.firstName}}')).toEqual([]);
    expect(templateProblems('Hi {{contact.first-name}}')[0]).toContain('{{contact.first-name}}');
    expect(templateProblems('Hi {{password.hash}}')[0]).toContain('unknown name');
    expect(templateProblems('Hi {{contact.firstName')).toHaveLength(1);
  });

  it('turns text into safe HTML and back', () => {
    const html = textToHtml('a < b\nline two\n\nsee https://example.test/x?a=1&b=2');
    expect(html).toBe(
      '<p>a &lt; b<br>line two</p>\n<p>see <a href="https://example.test/x?a=1&amp;b=2">https://example.test/x?a=1&amp;b=2</a></p>',
    );
    expect(htmlToText('<p>a &lt; b<br>c</p>')).toBe('a < b\nc');
  });
});
