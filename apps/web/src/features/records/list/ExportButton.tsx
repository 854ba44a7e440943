// "Export CSV" for the list as it is filtered, sorted and searched: a plain download link to
// GET /objects/{object}/export, which takes the same filter tree as the list ("or" groups too).
import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { exportUrl, type ListQuery } from '../../../api/records';

export function ExportButton({ object, query }: { object: string; query: ListQuery }) {
  const { t } = useTranslation();
  return (
    <Button
      component="a"
      href={exportUrl(object, query)}
      download
      variant="default"
      size="sm"
      leftSection={<IconDownload size={16} />}
    >
      {t('list.exportCsv')}
    </Button>
  );
}
