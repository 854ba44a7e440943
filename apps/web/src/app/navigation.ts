// The places in the app, in menu order. Objects the user may not read are left out.
import type { Me, ObjectMeta } from '@rapport/contracts/apiTypes';
import { can, adminCapabilities, hasCapability } from './permissions';

export const standardNav = ['companies', 'contacts', 'leads', 'deals', 'activities'] as const;

export interface NavEntry {
  key: string;
  to: string;
  /** Standard entries have an i18n key; custom objects carry their own label. */
  labelKey?:
    | 'nav.myDay'
    | 'nav.companies'
    | 'nav.contacts'
    | 'nav.leads'
    | 'nav.deals'
    | 'nav.activities'
    | 'nav.settings';
  meta?: ObjectMeta;
}

export function navEntries(me: Me | null | undefined, objects: ObjectMeta[] | undefined): NavEntry[] {
  const out: NavEntry[] = [{ key: 'my-day', to: '/my-day', labelKey: 'nav.myDay' }];
  for (const o of standardNav) {
    if (!can(me?.permissions, o, 'read')) continue;
    out.push({ key: o, to: o === 'deals' ? '/deals?view=board' : `/${o}`, labelKey: `nav.${o}` });
  }
  for (const meta of objects ?? []) {
    if (!meta.custom || !can(me?.permissions, meta.name, 'read')) continue;
    out.push({ key: meta.name, to: `/${meta.name}`, meta });
  }
  if (adminCapabilities.some((c) => hasCapability(me, c)))
    out.push({ key: 'settings', to: '/settings', labelKey: 'nav.settings' });
  return out;
}
