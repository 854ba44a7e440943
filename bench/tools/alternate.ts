// A/B aid for a noisy machine: the same GET sent to two running servers in turn (A, B, A, B, …),
// so both series share the machine's moments and a difference of a millisecond shows. Start the
// two builds on their own ports against the bench database, then:
//   N=600 node --import tsx bench/tools/alternate.ts http://127.0.0.1:3999 http://127.0.0.1:3998 \
//     /api/v1/objects/contacts?limit=50 /api/v1/objects/deals?limit=50
// WHO=busyRep sends the busy rep's token instead of the admin's.
import fs from 'node:fs';
import path from 'node:path';
import type { Dataset } from '../dataset/generate';
import { type Api, request } from '../workload/http';
import { summarise } from '../workload/stats';

const root = path.resolve(import.meta.dirname, '../..');
const [a, b, ...urls] = process.argv.slice(2);
if (!a || !b || !urls.length) throw new Error('usage: alternate.ts <base A> <base B> <path>…');
const d = JSON.parse(
  fs.readFileSync(path.join(root, `.tmp/bench/${process.env.SET ?? 'postgres-large'}.dataset.json`), 'utf8'),
) as Dataset;
const token = d.tokens[(process.env.WHO ?? 'admin') as 'admin' | 'busyRep'];
const n = Number(process.env.N ?? 600);
const apis: Api[] = [
  { baseUrl: a, token },
  { baseUrl: b, token },
];

for (const url of urls) {
  const times: number[][] = [[], []];
  for (let i = 0; i < 30 + n; i++)
    for (const [k, api] of apis.entries()) {
      const r = await request(api, 'GET', url);
      if (r.status !== 200) throw new Error(`${api.baseUrl}${url}: ${r.status} ${r.body.slice(0, 200)}`);
      if (i >= 30) times[k]!.push(r.ms);
    }
  process.stdout.write(`${url}\n`);
  for (const [k, t] of times.entries()) {
    const s = summarise(t, 1);
    process.stdout.write(
      `  ${'AB'[k]} ${apis[k]!.baseUrl}: p50 ${s.p50_ms} ms, p95 ${s.p95_ms} ms, p99 ${s.p99_ms} ms\n`,
    );
  }
}
