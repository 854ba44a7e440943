// Which language the app speaks: the user's saved choice, else the browser's preference.
// Only English and Simplified Chinese exist; any Chinese preference maps to zh-CN.
import type { Locale } from '@rapport/contracts/apiTypes';

export const locales: Locale[] = ['en', 'zh-CN'];
const KEY = 'rapport.locale';

export function normalizeLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const t = tag.toLowerCase();
  if (t.startsWith('zh')) return 'zh-CN';
  if (t.startsWith('en')) return 'en';
  return null;
}

export function browserLocale(languages: readonly string[] = globalThis.navigator?.languages ?? []): Locale {
  for (const l of languages) {
    const n = normalizeLocale(l);
    if (n) return n;
  }
  return 'en';
}

export function storedLocale(): Locale | null {
  try {
    return normalizeLocale(globalThis.localStorage?.getItem(KEY));
  } catch {
    return null;
  }
}

export function rememberLocale(l: Locale) {
  try {
    globalThis.localStorage?.setItem(KEY, l);
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
}

export function initialLocale(): Locale {
  return storedLocale() ?? browserLocale();
}
