import { displayName } from '../records/meta/displayName';
import type { ObjectHooks } from '../records/meta/types';

export const leadHooks: ObjectHooks = {
  async prepare(_ctx, w) {
    const n = w.next;
    n.name = displayName(n.firstName, n.lastName);
    // A lead needs something to call it by: a name, a company or at least an address.
    if (!n.name && !n.company && !n.email && !n.phone)
      w.errors.push({ field: 'lastName', message: 'Give a name, a company, an email or a phone' });
    if (
      w.op === 'update' &&
      w.old?.status === 'converted' &&
      w.given.has('status') &&
      n.status !== 'converted'
    )
      w.errors.push({ field: 'status', message: 'A converted lead stays converted' });
    if (w.given.has('status') && n.status === 'converted' && w.old?.status !== 'converted')
      w.errors.push({ field: 'status', message: 'Convert the lead with POST /objects/leads/{id}/convert' });
  },
};
