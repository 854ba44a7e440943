// What points at a record of each mergeable object, so a merge can move it all to the winner:
// activities, deal roles, tags, history, and (for companies) contacts, deals, commitments and
// subsidiaries. Custom relation fields in JSONB are moved by customRelations.ts.
export interface ColumnRef {
  kind: 'column';
  table: string;
  column: string;
  /** Extra condition (a literal of this file, never user input). */
  where?: string;
  /** A record table: moved rows get a new version so caches and ETags notice. */
  bump?: boolean;
}

export interface LinkRef {
  kind: 'link';
  table: string;
  column: string;
  where?: string;
  /** The primary key columns (without workspace_id). */
  key: string[];
}

export type Reference = ColumnRef | LinkRef;

const activityLinks = (object: string): LinkRef => ({
  kind: 'link',
  table: 'activity_links',
  column: 'record_id',
  where: `object = '${object}'`,
  key: ['activity_id', 'object', 'record_id'],
});
const taggings = (object: string): LinkRef => ({
  kind: 'link',
  table: 'taggings',
  column: 'record_id',
  where: `object = '${object}'`,
  key: ['object', 'record_id', 'tag_id'],
});
const history = (object: string): ColumnRef => ({
  kind: 'column',
  table: 'record_history',
  column: 'record_id',
  where: `object = '${object}'`,
});

export const mergeReferences: Record<string, Reference[]> = {
  contacts: [
    activityLinks('contacts'),
    { kind: 'link', table: 'deal_contacts', column: 'contact_id', key: ['deal_id', 'contact_id'] },
    taggings('contacts'),
    history('contacts'),
    { kind: 'column', table: 'leads', column: 'converted_contact_id', bump: true },
  ],
  companies: [
    { kind: 'column', table: 'contacts', column: 'company_id', bump: true },
    { kind: 'column', table: 'deals', column: 'company_id', bump: true },
    { kind: 'column', table: 'commitments', column: 'company_id', bump: true },
    { kind: 'column', table: 'companies', column: 'parent_company_id', bump: true },
    { kind: 'column', table: 'leads', column: 'converted_company_id', bump: true },
    activityLinks('companies'),
    taggings('companies'),
    history('companies'),
    { kind: 'column', table: 'record_history', column: 'company_id' },
  ],
  leads: [activityLinks('leads'), taggings('leads'), history('leads')],
};

export const mergeableObjects = Object.keys(mergeReferences);
