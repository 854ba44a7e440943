// How many rows each scale generates. Ratios are fixed by the benchmark's brief: companies = 1/5
// of contacts, deals = 1/2, five activities per contact, 200 owners in teams of ten; the skew (one
// company with 25,000 contacts, one owner with 50,000 records) is capped on scales too small for it.
export type ScaleName = 'small' | 'medium' | 'large';

export interface Plan {
  scale: ScaleName;
  contacts: number;
  companies: number;
  deals: number;
  activitiesPerContact: number;
  owners: number;
  teamSize: number;
  /** Contacts of the one big company. */
  bigCompanyContacts: number;
  /** Contacts + companies + deals owned by the one busy owner. */
  busyOwnerRecords: number;
  seed: number;
}

const CONTACTS: Record<ScaleName, number> = { small: 10_000, medium: 100_000, large: 1_000_000 };

export function planFor(scale: ScaleName): Plan {
  const contacts = CONTACTS[scale];
  const companies = Math.floor(contacts / 5);
  const deals = Math.floor(contacts / 2);
  return {
    scale,
    contacts,
    companies,
    deals,
    activitiesPerContact: 5,
    owners: 200,
    teamSize: 10,
    bigCompanyContacts: Math.min(25_000, Math.floor(contacts / 4)),
    busyOwnerRecords: Math.min(50_000, Math.floor((contacts + companies + deals) / 10)),
    seed: 20_261_123,
  };
}

export const isScale = (s: string): s is ScaleName => s in CONTACTS;
