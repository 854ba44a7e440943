// The pump: rounds of due work (work.ts) for every registered source, including the two the platform
// owns itself — dispatching the outbox and sending the mail outbox. Imported by the pump job and by
// tests, which drain the work after moving the clock instead of waiting days.
import { registerWork } from './work';
import { dispatchOutbox } from './dispatchOutbox';
import { deliverDueEmails } from '../mail/deliver';

registerWork({ name: 'dispatch.outbox', run: (deps) => dispatchOutbox(deps) });
registerWork({
  name: 'mail.deliver',
  async run(deps) {
    const r = await deliverDueEmails(deps.store.db, deps.mail);
    return r.sent + r.retried + r.failed;
  },
});

export { drainWork, runRound } from './work';
export { processDeps } from './deps';
