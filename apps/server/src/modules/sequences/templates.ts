// Ready-made sequences. "nurture" is the cadence of R17: a thank-you email signed by the owner on
// the day of sign-up, a letter with the brochure the next day (a task for the owner), a second email
// on day 3 and a call on day 5. Texts in English and Simplified Chinese; a new sequence takes the
// workspace's language.
import type { SequenceStep } from './schema';

interface Template {
  key: string;
  name: { en: string; 'zh-CN': string };
  description: { en: string; 'zh-CN': string };
  steps: { en: SequenceStep[]; 'zh-CN': SequenceStep[] };
}

export const sequenceTemplates: Template[] = [
  {
    key: 'nurture',
    name: { en: 'New lead nurture', 'zh-CN': '新线索培育' },
    description: {
      en: 'Thank-you email on day 0, brochure letter on day 1, second email on day 3, call on day 5',
      'zh-CN': '第 0 天感谢邮件，第 1 天寄送资料信函，第 3 天第二封邮件，第 5 天电话跟进',
    },
    steps: {
      en: [
        {
          type: 'email',
          delay: 'P0D',
          subject: 'Thank you for your interest, {{record.firstName || "there"}}',
          body:
            'Dear {{record.firstName || "customer"}},\n\nThank you for signing up. I will be your contact at ' +
            '{{workspace.name}}; a brochure is on its way to you by post.\n\nIf you have any questions, just reply ' +
            'to this email.\n\nBest regards,\n{{owner.name}}',
        },
        {
          type: 'letter',
          delay: 'P1D',
          subject: 'Mail the brochure with a personal letter to {{record.firstName}} {{record.lastName}}',
          body: 'Print the cover letter, sign it and post it with the product brochure.',
        },
        {
          type: 'email',
          delay: 'P2D',
          subject: 'Did the brochure reach you, {{record.firstName || "there"}}?',
          body:
            'Dear {{record.firstName || "customer"}},\n\nI hope the brochure has reached you. I would be glad to ' +
            'walk you through it or answer any questions; reply to this email or tell me a good time to call.' +
            '\n\nBest regards,\n{{owner.name}}',
        },
        {
          type: 'call',
          delay: 'P2D',
          subject: 'Call {{record.firstName}} {{record.lastName}} about the brochure',
          body: 'Ask whether the brochure arrived, what interests them, and agree on the next step.',
        },
      ],
      'zh-CN': [
        {
          type: 'email',
          delay: 'P0D',
          subject: '{{record.lastName}}{{record.firstName}}，感谢您的关注',
          body:
            '尊敬的{{record.lastName}}{{record.firstName}}：\n\n感谢您的注册。我是您在{{workspace.name}}的联系人，' +
            '产品资料已通过邮寄方式寄出。\n\n如有任何问题，请直接回复此邮件。\n\n此致\n{{owner.name}}',
        },
        {
          type: 'letter',
          delay: 'P1D',
          subject: '为{{record.lastName}}{{record.firstName}}寄送产品资料和亲笔信',
          body: '打印并签署信函，连同产品资料一起寄出。',
        },
        {
          type: 'email',
          delay: 'P2D',
          subject: '{{record.lastName}}{{record.firstName}}，资料收到了吗？',
          body:
            '尊敬的{{record.lastName}}{{record.firstName}}：\n\n希望您已收到产品资料。如需讲解或有任何问题，' +
            '请回复此邮件或告诉我方便通话的时间。\n\n此致\n{{owner.name}}',
        },
        {
          type: 'call',
          delay: 'P2D',
          subject: '致电{{record.lastName}}{{record.firstName}}跟进产品资料',
          body: '确认资料是否收到、了解需求，并约定下一步。',
        },
      ],
    },
  },
];

export function templateFor(key: string) {
  return sequenceTemplates.find((t) => t.key === key) ?? null;
}

export function presentTemplates(locale: string) {
  const lang = locale.startsWith('zh') ? 'zh-CN' : 'en';
  return sequenceTemplates.map((t) => ({
    key: t.key,
    name: t.name,
    description: t.description,
    steps: t.steps[lang],
  }));
}
