// Exchange rates for reports: units of the workspace currency per one unit of another currency,
// kept under the `exchangeRates` key of the workspace settings (e.g. {"USD": "7.10"} in a CNY
// workspace). Dated rates come later with quotes and invoices; until then one rate per currency.
import Decimal from 'decimal.js';
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/schema';
import { NotFound } from '../../platform/errors';

export interface WorkspaceRates {
  currency: string;
  /** Currency code → rate into the workspace currency. The workspace currency itself is 1. */
  rates: Map<string, Decimal>;
}

const CODE_RE = /^[A-Z]{3}$/;

export async function workspaceRates(db: Executor, workspaceId: string): Promise<WorkspaceRates> {
  const res = await sql<{ currency: string; rates: unknown }>`
    SELECT currency, settings->'exchangeRates' AS rates FROM workspaces WHERE id = ${workspaceId}`.execute(
    db,
  );
  const row = res.rows[0];
  if (!row) throw new NotFound('No such workspace');
  const currency = row.currency.trim();
  const rates = new Map<string, Decimal>([[currency, new Decimal(1)]]);
  if (row.rates && typeof row.rates === 'object') {
    for (const [code, value] of Object.entries(row.rates as Record<string, unknown>)) {
      // A malformed entry is skipped (its deals show as unconverted), never a 500.
      if (!CODE_RE.test(code) || (typeof value !== 'string' && typeof value !== 'number')) continue;
      try {
        const d = new Decimal(value);
        if (d.isFinite() && d.gt(0)) rates.set(code, d);
      } catch {
        // not a number: left out on purpose, reported through `unconverted`
      }
    }
  }
  return { currency, rates };
}
