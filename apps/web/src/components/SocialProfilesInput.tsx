// Social profiles (LinkedIn, X, WeChat, Weibo…) as rows of network + handle + link.
import { ActionIcon, Button, Group, Input, Select, Stack, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export interface SocialProfile {
  network: string;
  handle?: string;
  url?: string;
}

const networks = ['linkedin', 'x', 'wechat', 'weibo', 'facebook', 'instagram', 'github', 'other'];

export function SocialProfilesInput({
  label,
  value,
  onChange,
  error,
  disabled,
}: {
  label?: string;
  value: unknown;
  onChange: (v: SocialProfile[]) => void;
  error?: string;
  disabled?: boolean;
  'aria-label'?: string;
}) {
  const { t } = useTranslation();
  const list = Array.isArray(value) ? (value as SocialProfile[]) : [];
  const set = (i: number, p: SocialProfile) => onChange(list.map((x, j) => (j === i ? p : x)));
  return (
    <Input.Wrapper label={label} error={error}>
      <Stack gap={4}>
        {list.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
          <Group key={i} gap={4} wrap="nowrap">
            <Select
              aria-label={t('fields.network')}
              w={120}
              size="xs"
              data={networks.map((n) => ({ value: n, label: t(`fields.networks.${n as 'x'}`) }))}
              value={p.network}
              onChange={(v) => set(i, { ...p, network: v ?? 'other' })}
              disabled={disabled}
              allowDeselect={false}
            />
            <TextInput
              aria-label={t('fields.handle')}
              placeholder={t('fields.handle')}
              size="xs"
              style={{ flex: 1 }}
              value={p.handle ?? ''}
              onChange={(e) => set(i, { ...p, handle: e.currentTarget.value })}
              disabled={disabled}
            />
            <TextInput
              aria-label={t('fields.profileUrl')}
              placeholder="https://"
              size="xs"
              style={{ flex: 1 }}
              value={p.url ?? ''}
              onChange={(e) => set(i, { ...p, url: e.currentTarget.value || undefined })}
              disabled={disabled}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('common.remove')}
              onClick={() => onChange(list.filter((_, j) => j !== i))}
              disabled={disabled}
            >
              <IconTrash size={14} />
            </ActionIcon>
          </Group>
        ))}
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPlus size={12} />}
          onClick={() => onChange([...list, { network: 'linkedin', handle: '' }])}
          disabled={disabled}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('fields.addProfile')}
        </Button>
      </Stack>
    </Input.Wrapper>
  );
}
