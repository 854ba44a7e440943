// webhook {url, secret?}: posts the run's trigger and record as JSON, signed like subscription
// deliveries when a secret is given. Runs outside any transaction; a 2xx is success, a 4xx (other
// than 408/429) is final, anything else is retried with the run's backoff. The URL may not reach
// private networks (webhooks/urlGuard.ts), checked when saved and again when the call connects.
import { z } from 'zod';
import { clock } from '../../../platform/clock';
import { Unprocessable } from '../../../platform/errors';
import { signatureHeader } from '../../webhooks/signature';
import { BlockedTargetError, postToTarget, targetPolicy, targetProblem } from '../../webhooks/urlGuard';
import { webhookUrl } from '../../webhooks/webhookBody';
import { registerAction } from '../actionRegistry';

const schema = z
  .object({ type: z.literal('webhook'), url: webhookUrl, secret: z.string().min(16).max(200).optional() })
  .strict();

class RetryableHttpError extends Error {}

registerAction<z.infer<typeof schema>>({
  type: 'webhook',
  schema,
  needsRecord: false,
  async check(_ctx, cfg, _meta, path, env) {
    const problem = await targetProblem(cfg.url, env.targets);
    return problem ? [{ field: `${path}.url`, message: problem }] : [];
  },
  async runOutside(a, cfg) {
    const body = JSON.stringify({
      workflowId: a.workflow.id,
      workflowName: a.workflow.name,
      runId: a.run.id,
      event: a.run.eventType,
      object: a.object,
      recordId: a.recordId,
      record: a.record,
      trigger: a.trigger,
      sentAt: clock.now().toISOString(),
    });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Rapport-Workflows/1',
      'x-rapport-delivery': `${a.run.id}:${a.run.index}`,
    };
    if (cfg.secret)
      headers['x-rapport-signature'] = signatureHeader(
        cfg.secret,
        body,
        Math.floor(clock.now().getTime() / 1000),
      );
    let res: { status: number };
    try {
      res = await postToTarget(cfg.url, {
        headers,
        body,
        timeoutMs: 10_000,
        policy: targetPolicy(a.deps.config),
      });
    } catch (err) {
      // A target that is (or now resolves to) a private address will not get better by retrying.
      if (err instanceof BlockedTargetError) throw new Unprocessable(err.message);
      throw err;
    }
    if (res.status >= 200 && res.status < 300) return { status: res.status };
    if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429)
      throw new Unprocessable(`The receiver refused the call (${res.status})`);
    throw new RetryableHttpError(`The receiver answered ${res.status}`);
  },
});
