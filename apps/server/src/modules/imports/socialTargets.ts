// A social-profiles field is filled one network per column: "socialProfiles.linkedin" takes
// LinkedIn handles or addresses, "socialProfiles.wechat" WeChat IDs. The field itself takes cells
// that name their network ("linkedin: nancy; x: nancy"), which is how exports write it.
import { socialNetworks } from '../records/meta/fieldValues';
import type { Label } from './coerce/options';
import { networkSpecs, type SocialNetwork } from './coerce/socialProfiles';

interface FieldLike {
  name: string;
  type: string;
  label?: Label;
  readOnly?: boolean;
}

export interface SocialTarget {
  target: string;
  field: string;
  network: SocialNetwork;
  label: { en: string; 'zh-CN': string };
}

const fieldLabel = (l: Label | undefined, lang: 'en' | 'zh-CN', fallback: string) =>
  !l ? fallback : typeof l === 'string' ? l : (l[lang] ?? l.en ?? fallback);

/** The per-network targets of an object's writable social-profiles fields. */
export function socialTargets(fields: readonly FieldLike[]): SocialTarget[] {
  const out: SocialTarget[] = [];
  for (const f of fields) {
    if (f.type !== 'socialProfiles' || f.readOnly) continue;
    for (const n of socialNetworks) {
      const spec = networkSpecs[n];
      out.push({
        target: `${f.name}.${n}`,
        field: f.name,
        network: n,
        label: {
          en: `${fieldLabel(f.label, 'en', f.name)} — ${spec.label.en}`,
          'zh-CN': `${fieldLabel(f.label, 'zh-CN', f.name)} — ${spec.label['zh-CN']}`,
        },
      });
    }
  }
  return out;
}

/** The field and network a target names, when it is a social-profiles one. */
export function socialTargetOf(
  target: string,
  fieldType: (name: string) => string | undefined,
): { field: string; network: SocialNetwork | null } | null {
  if (fieldType(target) === 'socialProfiles') return { field: target, network: null };
  const dot = target.lastIndexOf('.');
  if (dot < 0) return null;
  const field = target.slice(0, dot);
  const network = target.slice(dot + 1) as SocialNetwork;
  if (fieldType(field) !== 'socialProfiles' || !(socialNetworks as readonly string[]).includes(network))
    return null;
  return { field, network };
}
