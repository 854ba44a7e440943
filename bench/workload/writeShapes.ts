// Writes over HTTP: creating a contact (validation, search key, history, outbox in one
// transaction) and updating it with If-Match. Writes have no raw floor: the work is the app's.
import type { Random } from '../dataset/random';
import { makePerson } from '../dataset/people';
import { type Api, type HttpResult, request } from './http';

export interface CreatedContact {
  id: string;
  input: Record<string, unknown>;
}

export function contactInput(rnd: Random, serial: number): Record<string, unknown> {
  const p = makePerson(rnd, 9_000_000 + serial);
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    email: p.email,
    phone: p.phone,
    title: p.title,
    city: p.city,
    customerLevel: 'a',
  };
}

export async function createContact(api: Api, input: Record<string, unknown>): Promise<HttpResult> {
  return request(api, 'POST', '/api/v1/objects/contacts', JSON.stringify(input));
}

export async function updateContact(
  api: Api,
  id: string,
  version: number,
  serial: number,
): Promise<HttpResult> {
  return request(
    api,
    'PATCH',
    `/api/v1/objects/contacts/${id}`,
    JSON.stringify({ title: serial % 2 ? '销售总监' : 'Head of Sales', department: `Team ${serial % 7}` }),
    { 'if-match': `"${version}"` },
  );
}
