// Lead conversion: a qualified lead becomes a contact at a company (an existing one chosen by id
// or matched by name, else a new one) and optionally a deal; its activities are linked to the new
// contact (and so appear on the company), its history stays on the lead, and the lead is marked
// converted with links to what it became. One transaction, one `lead.converted` event.
import type { ConvertLeadInput } from '@rapport/contracts/records';
import { sql } from 'kysely';
import { authorize } from '../../platform/access/authorize';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { emitEvent } from '../../platform/events/outbox';
import { fieldError, NotFound, Unprocessable, ValidationError } from '../../platform/errors';
import { isUuid } from '../../platform/ids';
import { rebuildActivityLinks } from '../activities/activityLinks';
import { refreshActivityRollups } from '../activities/activityRollups';
import { writeHistory } from '../records/history/writeHistory';
import { loadObject } from '../records/meta/loadObject';
import type { LoadedObject } from '../records/meta/types';
import { fetchRecords, scopeSql } from '../records/read/fetchRecords';
import { applyUpdate, insertRecord, loadForWrite, requireScope } from '../records/write/saveRecord';
import { validateInput } from '../records/write/validateInput';
import { withTx } from '../records/write/withTx';

export interface ConversionResult {
  contactId: string;
  companyId: string | null;
  dealId: string | null;
}

/** Custom values whose field exists with the same name and type on the target object. */
function carryCustom(
  from: LoadedObject,
  to: LoadedObject,
  rec: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of from.fields) {
    if (!f.custom) continue;
    const g = to.byName.get(f.name);
    if (g?.custom && g.type === f.type && rec[f.name] !== null && rec[f.name] !== undefined)
      out[f.name] = rec[f.name];
  }
  return out;
}

async function findCompanyByName(ctx: Ctx, name: string): Promise<string | null> {
  const scope = scopeSql(ctx.actor, 'companies', 'read', 't');
  const res = await sql<{ id: string }>`SELECT t.id FROM companies t
    WHERE t.workspace_id = ${ctx.workspaceId} AND t.deleted_at IS NULL AND lower(t.name) = lower(${name})
      ${scope ? sql`AND ${scope}` : sql``}
    ORDER BY t.created_at LIMIT 1`.execute(ctx.db);
  return res.rows[0]?.id ?? null;
}

export async function convertLead(
  ctx: Ctx,
  leadId: string,
  input: ConvertLeadInput = {},
): Promise<ConversionResult> {
  return withTx(ctx, async (tx) => {
    const leads = await loadObject(tx, 'leads');
    const contacts = await loadObject(tx, 'contacts');
    const companies = await loadObject(tx, 'companies');
    authorize(tx.actor, 'leads', 'update');
    authorize(tx.actor, 'contacts', 'create');
    const loaded = isUuid(leadId) ? await loadForWrite(tx, leads, leadId.toLowerCase()) : null;
    if (!loaded) throw new NotFound(`No lead with id ${leadId}`);
    const lead = loaded.rec;
    requireScope(tx, leads, lead, 'update');
    if (lead.status === 'converted') throw new Unprocessable('This lead is already converted');
    const ownerId = input.ownerId ?? (lead.ownerId as string | null) ?? tx.actor.userId;

    let companyId: string | null = null;
    if (input.companyId) {
      const found = await fetchRecords(tx.db, tx.workspaceId, companies, [input.companyId.toLowerCase()], {
        actor: tx.actor,
      });
      if (!found.records[0]) throw fieldError('companyId', `No company with id ${input.companyId}`);
      companyId = found.records[0].id;
    } else if (typeof lead.company === 'string' && lead.company) {
      companyId = await findCompanyByName(tx, lead.company);
      if (!companyId) {
        authorize(tx.actor, 'companies', 'create');
        const c = await insertRecord(
          tx,
          companies,
          validateInput(
            tx,
            companies,
            { name: lead.company, ownerId, ...carryCustom(leads, companies, lead) },
            'create',
            'company',
          ),
          { errorPrefix: 'company' },
        );
        companyId = c.id;
      }
    }

    let contactId: string;
    if (input.contactId) {
      const found = await fetchRecords(tx.db, tx.workspaceId, contacts, [input.contactId.toLowerCase()], {
        actor: tx.actor,
      });
      if (!found.records[0]) throw fieldError('contactId', `No contact with id ${input.contactId}`);
      contactId = found.records[0].id;
    } else {
      const values: Record<string, unknown> = {
        firstName: lead.firstName,
        lastName: lead.lastName ?? (lead.firstName ? null : (lead.company ?? lead.email)),
        email: lead.email,
        phone: lead.phone,
        title: lead.title,
        companyId,
        ownerId,
        ...carryCustom(leads, contacts, lead),
      };
      for (const k of Object.keys(values))
        if (values[k] === null || values[k] === undefined) delete values[k];
      const c = await insertRecord(tx, contacts, validateInput(tx, contacts, values, 'create', 'contact'), {
        errorPrefix: 'contact',
      });
      contactId = c.id;
    }

    let dealId: string | null = null;
    if (input.createDeal) {
      authorize(tx.actor, 'deals', 'create');
      const deals = await loadObject(tx, 'deals');
      const d = input.createDeal;
      const values: Record<string, unknown> = {
        name: d.name ?? `${lead.company || lead.name || 'New deal'}`,
        companyId,
        contactIds: [contactId],
        ownerId,
      };
      if (d.amount) values.amount = d.amount;
      if (d.pipelineId) values.pipelineId = d.pipelineId;
      if (d.stageId) values.stageId = d.stageId;
      if (d.closeDate) values.closeDate = d.closeDate;
      if (!values.companyId) delete values.companyId;
      const deal = await insertRecord(tx, deals, validateInput(tx, deals, values, 'create', 'createDeal'), {
        errorPrefix: 'createDeal',
      });
      dealId = deal.id;
    }

    // The lead's activities now also belong to the contact (and through it to the company).
    const moved = await sql<{ activity_id: string }>`INSERT INTO activity_links
        (workspace_id, activity_id, object, record_id, direct, position, occurred_at)
      SELECT workspace_id, activity_id, 'contacts', ${contactId}, true, position, occurred_at FROM activity_links
      WHERE workspace_id = ${tx.workspaceId} AND object = 'leads' AND record_id = ${lead.id} AND direct
      ON CONFLICT (workspace_id, activity_id, object, record_id) DO UPDATE SET direct = true
      RETURNING activity_id`.execute(tx.db);
    const activityIds = moved.rows.map((r) => r.activity_id);
    for (let i = 0; i < activityIds.length; i += 500)
      await rebuildActivityLinks(tx.db, tx.workspaceId, activityIds.slice(i, i + 500));
    await refreshActivityRollups(tx.db, tx.workspaceId, [
      { object: 'contacts', id: contactId },
      ...(companyId ? [{ object: 'companies', id: companyId }] : []),
      ...(dealId ? [{ object: 'deals', id: dealId }] : []),
    ]);

    const now = clock.now().toISOString();
    // System fields set by the engine itself: not through validateInput, and not "given" (the
    // lead hook refuses a request that sets status to converted).
    await applyUpdate(tx, leads, lead.id, {
      values: {
        status: 'converted',
        convertedAt: now,
        convertedContactId: contactId,
        convertedCompanyId: companyId,
        convertedDealId: dealId,
      },
      given: new Set(),
    }).catch((e) => {
      if (e instanceof ValidationError)
        throw new Unprocessable(`The lead cannot be marked converted: ${e.message}`, e.errors);
      throw e;
    });
    const result = { contactId, companyId, dealId };
    await writeHistory(tx, leads, lead.id, null, [{ kind: 'converted', new: result }]);
    await writeHistory(tx, contacts, contactId, companyId, [{ kind: 'converted', old: { leadId: lead.id } }]);
    await emitEvent(tx.db, {
      workspaceId: tx.workspaceId,
      type: 'lead.converted',
      object: 'leads',
      recordId: lead.id,
      actorId: tx.actor.userId,
      payload: { leadId: lead.id, ...result },
    });
    return result;
  });
}
