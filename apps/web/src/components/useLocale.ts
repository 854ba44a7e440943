import type { Locale } from '@rapport/contracts/apiTypes';
import { useTranslation } from 'react-i18next';

/** The current UI language as a Locale, re-rendering when it changes. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
}
