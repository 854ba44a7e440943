// Sign-in with "remember me". On an empty installation it sends the visitor to first-run setup.
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { login, meKey, useMe, useSetupStatus } from '../../api/auth';
import { ApiError } from '../../api/client';
import { FormErrorAlert, fieldErrorsOf } from '../../components/FormErrors';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { AuthFrame } from './AuthFrame';

/** Only same-site paths are followed after sign-in (no open redirect through ?next=). */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/my-day';
}

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const me = useMe();
  const setup = useSetupStatus(me.data === null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (me.data) return <Navigate to={safeNext(params.get('next'))} replace />;
  if (setup.data?.needed) return <Navigate to="/setup" replace />;

  const errors = fieldErrorsOf(error);
  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const signedIn = await login({ email: email.trim(), password, remember });
      client.setQueryData(meKey, signedIn);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const wrong = error instanceof ApiError && error.status === 401;
  return (
    <AuthFrame>
      <Paper withBorder p="xl" radius="md" w="100%" maw={400} component="form" onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={1} size="h2">
            {t('auth.signInTitle')}
          </Title>
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
          />
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
          />
          <Checkbox
            label={t('auth.remember')}
            checked={remember}
            onChange={(e) => setRemember(e.currentTarget.checked)}
          />
          {wrong ? (
            <Alert color="red" variant="light" role="alert">
              {t('auth.wrongCredentials')}
            </Alert>
          ) : (
            <FormErrorAlert error={error} shownFields={['email', 'password']} />
          )}
          <Button type="submit" loading={busy} disabled={!email || !password} fullWidth>
            {t('auth.signIn')}
          </Button>
          <Text size="xs" c="dimmed">
            {t('auth.forgotHint')}
          </Text>
          <LanguageSwitch />
        </Stack>
      </Paper>
      <Anchor href="/api/docs" size="xs" c="dimmed" mt="md">
        {t('auth.apiDocs')}
      </Anchor>
    </AuthFrame>
  );
}
