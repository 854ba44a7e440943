// Daily: records that have been in the recycle bin longer than their workspace keeps them
// (recycleBinRetentionDays, default 90) are deleted for good by the records domain's
// purgeDeletedRecords, which works in bounded batches; this job calls it until nothing is left.
// Repeating it is harmless: what is gone is gone, and a retried run just finds less to do.
import { purgeDeletedRecords } from '../../modules/records/recycleBin/purgeDeletedRecords';
import { clock } from '../clock';
import { registerJob } from './registry';

export const RECYCLE_BIN_PURGE_JOB = 'recycleBin.purge';
/** Enough for a very large backlog in one run; the rest waits for tomorrow rather than for ever. */
const MAX_ROUNDS = 1000;

registerJob({
  name: RECYCLE_BIN_PURGE_JOB,
  schedule: { cron: '17 3 * * *' },
  options: { expireInSeconds: 3600, retryLimit: 3, retryDelay: 300, retryBackoff: true },
  async handler(_data, ctx) {
    const now = clock.now();
    let purged = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const r = await purgeDeletedRecords(ctx.store.db, now);
      purged += r.purged;
      if (r.purged === 0) break;
    }
    ctx.log.info({ purged }, 'purged the recycle bin');
    return { purged };
  },
});
