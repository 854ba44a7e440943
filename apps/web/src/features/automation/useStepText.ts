// The next step of an enrolment as a line of text: "Letter: Mail the brochure to Mei Chen" on the
// record's own page (its fields fill the merge fields), "…to [First name] [Last name]" elsewhere.
import { useTranslation } from 'react-i18next';
import { useSchema } from '../../api/schema';
import { useLocale } from '../../components/useLocale';
import { localized } from '../../i18n/format';
import { fillMerge, humanize } from './mergeText';
import { type Enrollment, typeKey } from './sequenceTypes';

const rootObjects: Record<string, string> = {
  contact: 'contacts',
  lead: 'leads',
  company: 'companies',
  deal: 'deals',
};

const rootKey = {
  contact: 'automation.sequences.mergeContact',
  lead: 'automation.sequences.mergeLead',
  company: 'automation.sequences.mergeCompany',
  deal: 'automation.sequences.mergeDeal',
  owner: 'automation.sequences.mergeOwner',
  sender: 'automation.sequences.mergeSender',
  workspace: 'automation.sequences.mergeWorkspace',
} as const;

const fieldKey = {
  name: 'automation.sequences.mergeName',
  email: 'automation.sequences.mergeEmail',
  phone: 'automation.sequences.mergePhone',
  signature: 'automation.sequences.mergeSignature',
} as const;

function shown(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() ? v : null;
  if (typeof v === 'number') return String(v);
  return null;
}

export function useStepText(record?: Record<string, unknown>) {
  const { t } = useTranslation();
  const locale = useLocale();
  const schema = useSchema();
  const subject = (text: string, object: string) =>
    fillMerge(text, ({ root, field, fallback }) => {
      if (root === 'unsubscribeUrl') return `[${t('automation.sequences.mergeUnsubscribe')}]`;
      const target = root === 'record' ? object : rootObjects[root];
      if (record && target === object && !field.includes('.')) {
        const v = shown(record[field]);
        if (v !== null) return v;
        if (fallback) return fallback;
      }
      const meta = target ? schema.data?.find((o) => o.name === target) : undefined;
      const f = meta?.fields.find((x) => x.name === field);
      const label = f
        ? localized(f.label, locale)
        : field in fieldKey
          ? t(fieldKey[field as keyof typeof fieldKey])
          : humanize(field);
      const prefix =
        target === object || !(root in rootKey) ? '' : `${t(rootKey[root as keyof typeof rootKey])} · `;
      return `[${prefix}${label}]`;
    });
  return (e: Pick<Enrollment, 'nextStep' | 'object'>) =>
    e.nextStep
      ? t('automation.sequences.stepLine', {
          type: t(typeKey[e.nextStep.type]),
          subject: subject(e.nextStep.subject, e.object),
        })
      : null;
}
