// Generates the whole data set into a migrated database that already holds the workspace and its
// admin (made by the server's first start): organisation, custom fields, records, indexes.
import { defineCustomFields, customIndexStatements } from './customFields';
import { dropSecondaryIndexes, rebuildIndexes } from './indexes';
import type { Loader } from './loader';
import { loadOrganisation, makeApiKey } from './organisation';
import type { Plan } from './plan';
import { Random } from './random';
import { generateRecords, type RecordCounts, type Samples } from './records';

export interface Dataset {
  counts: RecordCounts & { owners: number; teams: number; customFields: number };
  samples: Samples;
  workspaceId: string;
  pipelineId: string;
  currency: string;
  rates: Record<string, string>;
  busyOwnerId: string;
  tokens: { admin: string; busyRep: string };
  seconds: { records: number; indexes: number; total: number };
}

export async function generateDataset(db: Loader, plan: Plan, log: (m: string) => void): Promise<Dataset> {
  const t0 = Date.now();
  const rnd = new Random(plan.seed);
  const org = await loadOrganisation(db, plan, rnd);
  await defineCustomFields(db, org.workspaceId, rnd);
  const tokens = {
    admin: await makeApiKey(db, org.workspaceId, org.adminId, rnd),
    busyRep: await makeApiKey(db, org.workspaceId, org.busyOwner.id, rnd),
  };
  const saved = await dropSecondaryIndexes(db);
  log(
    `  ${org.owners.length} owners; loading records (${saved.length} secondary indexes dropped for the load)`,
  );
  const t1 = Date.now();
  const { counts, samples } = await generateRecords(db, plan, org, rnd, log);
  const t2 = Date.now();
  log(`  records loaded in ${((t2 - t1) / 1000).toFixed(1)} s; rebuilding indexes`);
  await rebuildIndexes(db, saved, customIndexStatements(), log);
  const t3 = Date.now();
  log(`  indexes rebuilt in ${((t3 - t2) / 1000).toFixed(1)} s`);
  return {
    counts: {
      ...counts,
      owners: org.owners.length,
      teams: Math.ceil(plan.owners / plan.teamSize),
      customFields: 5,
    },
    samples,
    workspaceId: org.workspaceId,
    pipelineId: org.pipelineId,
    currency: org.currency,
    rates: org.rates,
    busyOwnerId: org.busyOwner.id,
    tokens,
    seconds: { records: (t2 - t1) / 1000, indexes: (t3 - t2) / 1000, total: (t3 - t0) / 1000 },
  };
}
