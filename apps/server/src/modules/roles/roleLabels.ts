// Display names of the built-in roles in every shipped language. Custom roles carry their own.
import type { BilingualLabel } from '../users/identityColumns';

export const builtInRoleLabels: Record<string, BilingualLabel> = {
  admin: { en: 'Administrator', 'zh-CN': '管理员' },
  manager: { en: 'Sales manager', 'zh-CN': '销售经理' },
  rep: { en: 'Sales rep', 'zh-CN': '销售代表' },
  support: { en: 'Support agent', 'zh-CN': '客服专员' },
  finance: { en: 'Finance', 'zh-CN': '财务' },
  marketing: { en: 'Marketing', 'zh-CN': '市场营销' },
  readonly: { en: 'Read only', 'zh-CN': '只读' },
};

export function roleLabel(key: string, name: string, stored: BilingualLabel | null): BilingualLabel {
  return stored ?? builtInRoleLabels[key] ?? { en: name, 'zh-CN': name };
}
