// A visitor submits a web form: a bot that fills the hidden honeypot gets the same thank-you and
// nothing is stored; otherwise the values are checked against the form, the lead is created — or, if
// one already has this email, updated with what was given (merge by email) — the submission kept,
// `form.submitted` emitted (workflows, scoring) and the lead enrolled in the form's sequence.
import { sql } from 'kysely';
import { clock } from '../../platform/clock';
import type { Db } from '../../platform/db/schema';
import { systemCtx } from '../../platform/dispatch/systemCtx';
import { emitEvent } from '../../platform/events/outbox';
import { type FieldError, NotFound, ValidationError } from '../../platform/errors';
import { isUuid, newId } from '../../platform/ids';
import { createRecord } from '../records/write/createRecord';
import { updateRecord } from '../records/write/updateRecord';
import { enrollRecord } from '../sequences/enroll';
import { HONEYPOT } from './manageForms';
import type { FormField } from './schema';
import './schema';

export interface SubmitResult {
  spam: boolean;
  redirectUrl: string | null;
  message: { en: string; 'zh-CN'?: string } | null;
  recordId?: string;
  merged?: boolean;
}

export async function loadPublicForm(db: Db, formId: string) {
  if (!isUuid(formId)) return null;
  return (
    db
      .selectFrom('forms')
      .where('id', '=', formId.toLowerCase())
      .where('active', '=', true)
      .selectAll()
      .executeTakeFirst() ?? null
  );
}

export async function submitForm(db: Db, formId: string, body: unknown): Promise<SubmitResult> {
  const form = await loadPublicForm(db, formId);
  if (!form) throw new NotFound('No such form');
  const base = { redirectUrl: form.redirect_url, message: form.success_message as SubmitResult['message'] };
  const data =
    body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  if (!data) throw new ValidationError([{ field: '(body)', message: 'Send the form fields' }]);
  const honey = data[HONEYPOT];
  if (typeof honey === 'string' ? honey.trim() !== '' : honey !== undefined && honey !== null)
    return { ...base, spam: true };

  const fields = form.fields as FormField[];
  const allowed = new Set(fields.map((f) => f.name));
  const errors: FieldError[] = [];
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) {
    if (k === HONEYPOT) continue;
    if (!allowed.has(k)) {
      errors.push({ field: k, message: 'Unknown field' });
      continue;
    }
    if (typeof v !== 'string') {
      errors.push({ field: k, message: 'Send text' });
      continue;
    }
    if (v.length > 5000) errors.push({ field: k, message: 'At most 5000 characters' });
    else if (v.trim()) values[k] = v.trim();
  }
  for (const f of fields)
    if ((f.required || f.name === 'email') && !values[f.name])
      errors.push({ field: f.name, message: 'Required' });
  if (values.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email))
    errors.push({ field: 'email', message: 'Not an email address' });
  if (errors.length) throw new ValidationError(errors);

  return db.transaction().execute(async (tx) => {
    const ws = form.workspace_id;
    const sys = systemCtx(tx, ws, form.owner_id);
    const existing = await sql<{ id: string }>`
      SELECT id FROM leads WHERE workspace_id = ${ws} AND deleted_at IS NULL AND lower(email) = ${values.email!.toLowerCase()}
      ORDER BY created_at LIMIT 1 FOR UPDATE`.execute(tx);
    const merged = Boolean(existing.rows[0]);
    const rec = merged
      ? await updateRecord(sys, form.create_object, existing.rows[0]!.id, values)
      : await createRecord(sys, form.create_object, {
          source: 'form',
          ...values,
          ...(form.owner_id ? { ownerId: form.owner_id } : {}),
        });
    const submissionId = newId();
    await tx
      .insertInto('form_submissions')
      .values({
        workspace_id: ws,
        id: submissionId,
        form_id: form.id,
        object: form.create_object,
        record_id: rec.id,
        merged,
        data: JSON.stringify(values),
        created_at: clock.now(),
      })
      .execute();
    await emitEvent(tx, {
      workspaceId: ws,
      type: 'form.submitted',
      object: form.create_object,
      recordId: rec.id,
      payload: {
        formId: form.id,
        formName: form.name,
        submissionId,
        merged,
        data: values,
        records: [{ object: form.create_object, id: rec.id, role: 'from' }],
      },
    });
    if (form.sequence_id) {
      await enrollRecord(tx, {
        workspaceId: ws,
        sequenceId: form.sequence_id,
        object: form.create_object,
        recordId: rec.id,
        ownerId: typeof rec.ownerId === 'string' ? rec.ownerId : form.owner_id,
        enrolledBy: form.owner_id,
        source: 'form',
        email: typeof rec.email === 'string' ? rec.email : null,
      });
    }
    return { ...base, spam: false, recordId: rec.id, merged };
  });
}
