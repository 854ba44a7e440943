// The concurrent mix: 20 connections (autocannon) cycling through the read shapes a busy team's
// browsers issue — lists, searches, records and timelines — with every response time kept, so the
// report gives the exact p95 and the slowest request (the budget: none over 1 s).
import autocannon from 'autocannon';
import type { Dataset } from '../dataset/generate';
import { type Summary, summarise } from './stats';

export interface MixOutcome extends Summary {
  connections: number;
  seconds: number;
  requests: number;
  non2xx: number;
  errors: number;
  over1s: number;
}

export function mixRequests(d: Dataset, token: string) {
  const h = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const s = d.samples;
  const reqs: { method: 'GET' | 'POST'; path: string; headers: Record<string, string>; body?: string }[] = [];
  for (let i = 0; i < 12; i++) {
    const contact = s.contactIds[(i * 7) % s.contactIds.length]!;
    reqs.push(
      { method: 'GET', path: '/api/v1/objects/contacts?limit=50', headers: h },
      {
        method: 'GET',
        path: `/api/v1/search?limit=20&q=${encodeURIComponent(s.names.chinese[i % s.names.chinese.length]!)}`,
        headers: h,
      },
      { method: 'GET', path: `/api/v1/objects/contacts/${contact}`, headers: h },
      { method: 'GET', path: `/api/v1/objects/contacts/${contact}/timeline?limit=20`, headers: h },
      {
        method: 'POST',
        path: '/api/v1/objects/deals/search',
        headers: h,
        body: JSON.stringify({
          filters: [{ field: 'region', op: 'eq', value: ['east', 'north', 'south'][i % 3] }],
          limit: 50,
        }),
      },
      {
        method: 'GET',
        path: `/api/v1/search?limit=20&q=${encodeURIComponent(s.names.latin[i % s.names.latin.length]!)}`,
        headers: h,
      },
    );
  }
  return reqs;
}

export async function runMix(
  baseUrl: string,
  d: Dataset,
  seconds: number,
  connections = 20,
): Promise<MixOutcome> {
  const times: number[] = [];
  let non2xx = 0;
  const t0 = performance.now();
  const instance = autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    requests: mixRequests(d, d.tokens.admin),
    timeout: 30,
  });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
    if (statusCode < 200 || statusCode >= 300) non2xx++;
  });
  const result = await instance;
  const wall = performance.now() - t0;
  const summary = summarise(times, wall);
  return {
    ...summary,
    connections,
    seconds,
    requests: times.length,
    non2xx,
    errors: result.errors + result.timeouts,
    over1s: times.filter((t) => t > 1000).length,
  };
}
