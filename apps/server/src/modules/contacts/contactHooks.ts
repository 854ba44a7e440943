// Contacts: the display name and the lookup keys (every address lower-cased, every phone as
// digits) that duplicate checks and inbound email use; moving a contact to another company moves
// its activities on the companies' timelines and rollups.
import { phoneKeys } from '../../platform/search/phoneKeys';
import { rebuildLinksOfRecord } from '../activities/activityLinks';
import { refreshActivityRollups } from '../activities/activityRollups';
import { displayName } from '../records/meta/displayName';
import type { ObjectHooks } from '../records/meta/types';

const strings = (...vals: unknown[]) =>
  vals
    .flatMap((v) => (Array.isArray(v) ? v : [v]))
    .filter((v): v is string => typeof v === 'string' && v !== '');

export const contactHooks: ObjectHooks = {
  async prepare(_ctx, w) {
    const n = w.next;
    const name = displayName(n.firstName, n.lastName);
    if (!name) w.errors.push({ field: 'lastName', message: 'Give a first name or a last name' });
    n.name = name;
    w.extraColumns.email_keys = [...new Set(strings(n.email, n.emails).map((e) => e.toLowerCase()))];
    w.extraColumns.phone_keys = [...new Set(strings(n.phone, n.phones).flatMap((p) => phoneKeys(p)))];
  },
  async afterWrite(ctx, r) {
    if (r.op !== 'update' || !r.changed.includes('companyId')) return;
    await rebuildLinksOfRecord(ctx.db, ctx.workspaceId, 'contacts', r.id);
    const companies = [r.old?.companyId, r.new?.companyId].filter((c): c is string => typeof c === 'string');
    await refreshActivityRollups(
      ctx.db,
      ctx.workspaceId,
      companies.map((id) => ({ object: 'companies', id })),
    );
  },
};
