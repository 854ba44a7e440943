// English / 中文 switch. Saved on this device at once; saved on the account when signed in.
import type { Locale } from '@rapport/contracts/apiTypes';
import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { changeLocale } from '../i18n';
import { useLocale } from './useLocale';

export function LanguageSwitch({ onChange }: { onChange?: (l: Locale) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <SegmentedControl
      aria-label={t('common.language')}
      size="xs"
      value={locale}
      data={[
        { value: 'en', label: 'English' },
        { value: 'zh-CN', label: '中文' },
      ]}
      onChange={(v) => {
        void changeLocale(v as Locale);
        onChange?.(v as Locale);
      }}
    />
  );
}
