// Server field errors shown where they belong: next to the field when the form has it, in one
// alert above the buttons otherwise (so no message is ever swallowed).
import { Alert, List } from '@mantine/core';
import { ApiError } from '../api/client';
import { useErrorMessage } from './States';

export function fieldErrorsOf(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const e of err.problem.errors ?? []) {
    // "amount.amount" or "admin.email" belong to the "amount" / "admin.email" inputs: keep both keys.
    if (!(e.field in out)) out[e.field] = e.message;
    const top = e.field.split('.')[0]!;
    if (!(top in out)) out[top] = e.message;
  }
  return out;
}

export function FormErrorAlert({ error, shownFields = [] }: { error: unknown; shownFields?: string[] }) {
  const message = useErrorMessage();
  if (!error) return null;
  const rest =
    error instanceof ApiError
      ? (error.problem.errors ?? []).filter(
          (e) => !shownFields.includes(e.field) && !shownFields.includes(e.field.split('.')[0]!),
        )
      : [];
  return (
    <Alert color="red" variant="light" role="alert" title={message(error)}>
      {rest.length > 0 && (
        <List size="sm">
          {rest.map((e) => (
            <List.Item key={e.field + e.message}>
              {e.field !== '(body)' ? `${e.field}: ` : ''}
              {e.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
