// Factories for record tests: records made through the HTTP API (so every hook runs), with
// assertions that they were created.
import { expect } from 'vitest';
import type { Client } from '../../../../test/harness';

export async function make(
  client: Client,
  object: string,
  body: Record<string, unknown>,
): Promise<Record<string, any>> {
  const res = await client.post(`/api/v1/objects/${object}`, body);
  expect(res.statusCode, `${object}: ${res.body}`).toBe(201);
  return res.json();
}

export const company = (c: Client, body: Record<string, unknown> = {}) =>
  make(c, 'companies', { name: 'Acme Ltd', ...body });
export const contact = (c: Client, body: Record<string, unknown> = {}) =>
  make(c, 'contacts', { firstName: 'Ada', lastName: 'Lovelace', ...body });
export const deal = (c: Client, body: Record<string, unknown> = {}) =>
  make(c, 'deals', { name: 'Big deal', ...body });
export const activity = (c: Client, body: Record<string, unknown> = {}) =>
  make(c, 'activities', { type: 'call', subject: 'Call', ...body });

export function fieldsOf(res: { json(): any }): string[] {
  return (res.json().errors ?? []).map((e: { field: string }) => e.field);
}
