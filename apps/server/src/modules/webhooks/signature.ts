// The webhook signature of API.md: X-Rapport-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
// "<t>.<body>" keyed with the subscription's secret>. Receivers recompute it over the raw body and
// refuse old timestamps, which stops replays; verifyRapportSignature is the reference check.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

export function verifyRapportSignature(
  header: string | undefined,
  body: string,
  secret: string,
  opts: { nowSeconds: number; toleranceSeconds?: number },
): boolean {
  if (!header) return false;
  const parts = new Map<string, string[]>();
  for (const p of header.split(',')) {
    const i = p.indexOf('=');
    if (i <= 0) continue;
    const k = p.slice(0, i).trim();
    parts.set(k, [...(parts.get(k) ?? []), p.slice(i + 1).trim()]);
  }
  const t = Number(parts.get('t')?.[0]);
  if (!Number.isInteger(t)) return false;
  if (Math.abs(opts.nowSeconds - t) > (opts.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${body}`).digest('hex'));
  // Several v1 values may be present while a secret is being rotated; any match is enough.
  return (parts.get('v1') ?? []).some((v) => {
    const given = Buffer.from(v);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
