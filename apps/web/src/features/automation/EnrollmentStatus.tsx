// An enrolment's status as both enrolment tables show it: the badge, and why it stopped.
import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Enrollment, statusColor, statusKey } from './sequenceTypes';

export function EnrollmentStatus({
  enrollment: e,
}: {
  enrollment: Pick<Enrollment, 'status' | 'stopReason'>;
}) {
  const { t } = useTranslation();
  return (
    <>
      {/* A table squeezes this column for a long next step: keep the status whole. */}
      <Badge size="sm" variant="light" color={statusColor[e.status]} tt="none" miw="max-content">
        {t(statusKey[e.status])}
      </Badge>
      {e.stopReason && (
        <Text size="xs" c="dimmed">
          {e.stopReason}
        </Text>
      )}
    </>
  );
}
