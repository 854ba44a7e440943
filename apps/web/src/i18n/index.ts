// i18next set up once with both languages bundled (they are small), so switching is instant and
// works offline. Keys are type-checked: a missing key is a compile error (see i18next.d.ts).
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '@rapport/contracts/apiTypes';
import { en } from './en';
import { zhCN } from './zh-CN';
import { initialLocale, rememberLocale } from './locale';

export const resources = { en: { translation: en }, 'zh-CN': { translation: zhCN } } as const;

export function setupI18n(lng: Locale = initialLocale()) {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources,
      lng,
      fallbackLng: 'en',
      interpolation: { escapeValue: false }, // React escapes already.
      returnNull: false,
      initAsync: false,
    });
  }
  applyDocumentLang(lng);
  return i18next;
}

function applyDocumentLang(l: Locale) {
  if (typeof document !== 'undefined') document.documentElement.lang = l === 'zh-CN' ? 'zh-CN' : 'en';
}

export async function changeLocale(l: Locale) {
  rememberLocale(l);
  applyDocumentLang(l);
  if (i18next.language !== l) await i18next.changeLanguage(l);
}

export function currentLocale(): Locale {
  return i18next.language === 'zh-CN' ? 'zh-CN' : 'en';
}
