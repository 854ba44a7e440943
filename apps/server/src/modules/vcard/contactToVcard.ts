// A contact record (API shape) as the input of the vCard writer.
import type { ApiRecord } from '../records/meta/types';
import type { VcardContact } from './writeVcard';

const s = (v: unknown) => (typeof v === 'string' && v ? v : null);

export function contactToVcard(rec: ApiRecord): VcardContact {
  const related = rec.related as { companyId?: { name?: string } } | undefined;
  const phones = Array.isArray(rec.phones) ? (rec.phones as string[]) : [];
  const address = [s(rec.address), s(rec.city), s(rec.country)].filter(Boolean).join(', ');
  return {
    id: rec.id,
    firstName: s(rec.firstName),
    lastName: s(rec.lastName),
    email: s(rec.email),
    phone: s(rec.phone),
    mobile: phones[0] ?? null,
    title: s(rec.title),
    company: related?.companyId?.name ?? null,
    address: address || null,
    note: s(rec.description),
    birthday: s(rec.birthday),
    socialProfiles: Array.isArray(rec.socialProfiles)
      ? (rec.socialProfiles as { network: string; handle: string | null; url: string | null }[]).map((p) => ({
          network: p.network,
          handle: p.handle ?? undefined,
          url: p.url ?? undefined,
        }))
      : null,
    updatedAt: s(rec.updatedAt),
  };
}
