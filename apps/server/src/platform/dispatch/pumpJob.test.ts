// The pump as a pg-boss job: with the background queue running, an outbox event reaches a webhook
// subscriber without anyone calling the engine by hand.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, testConfig } from '../../../test/harness';
import { insertWebhookRow } from '../../../test/webhookRow';
import { createWorkspace } from '../../modules/workspaces/createWorkspace';
import { type Receiver, startReceiver } from '../../modules/webhooks/testReceiver';
import { clock } from '../clock';
import type { Store } from '../db/open';
import { emitEvent } from '../events/outbox';
import { newId } from '../ids';
import { type Background, sendJob, startBackground } from '../jobs/background';
import { PUMP_JOB } from './pumpJob';

let store: Store;
let drop: () => Promise<void>;
let bg: Background;
let rx: Receiver;

beforeAll(async () => {
  ({ store, drop } = await openTestStore());
  rx = await startReceiver('pump-test-secret-0123', () => Math.floor(clock.now().getTime() / 1000));
});
afterAll(async () => {
  await bg?.stop();
  await rx?.close();
  await drop?.();
});

describe('the process pump job', () => {
  it('delivers outbox events through the queue’s workers', async () => {
    const { workspaceId } = await createWorkspace(store.db, {
      name: 'Pump',
      admin: {
        email: `pump-${process.pid}-${Date.now()}@example.test`,
        name: 'P',
        password: 'a long enough password',
      },
    });
    await insertWebhookRow(store.db, workspaceId, {
      url: rx.url,
      secret: 'pump-test-secret-0123',
      at: clock.now(),
    });
    const eventId = await emitEvent(store.db, {
      workspaceId,
      type: 'record.created',
      object: 'companies',
      recordId: newId(),
      payload: {},
    });
    bg = await startBackground(
      store,
      testConfig({ WEBHOOK_ALLOW_PRIVATE_TARGETS: '1' }),
      pino({ level: 'silent' }) as never,
      {
        pollingIntervalSeconds: 0.5,
      },
    );
    expect((await bg.boss.getQueue(PUMP_JOB))?.policy).toBe('short');
    await sendJob(PUMP_JOB);
    const deadline = Date.now() + 60_000;
    while (!rx.received.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(rx.received.map((r) => JSON.parse(r.body).id)).toEqual([eventId]);
    expect(rx.received[0]!.signatureValid).toBe(true);
  });
});
