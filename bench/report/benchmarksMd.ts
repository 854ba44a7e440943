// Keeps the figures section of BENCHMARKS.md current: after every run, the tables of every
// committed result file (bench/results/<store>-<scale>.json) are written between two markers;
// the rest of the page (budget, findings, changes) is prose kept by hand.
import fs from 'node:fs';
import path from 'node:path';
import { formatTable } from './printTable';
import type { Report } from './writeResults';

const START = '<!-- figures:start (written by npm run bench) -->';
const END = '<!-- figures:end -->';
const ORDER = [
  'postgres-large',
  'postgres-medium',
  'postgres-small',
  'embedded-large',
  'embedded-medium',
  'embedded-small',
];

function section(r: Report): string {
  const d = r.dataset as Record<string, unknown>;
  const n = (k: string) => (typeof d[k] === 'number' ? (d[k] as number).toLocaleString('en') : '?');
  const gen = d.generate_seconds as { total?: number } | undefined;
  const load = r.machine.load_average as { start: number[]; end: number[] } | undefined;
  const check = d.search_key_check as { checked: number; matching: number } | undefined;
  return [
    `### ${r.store} / ${r.scale} — ${r.generated_at.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `\`${r.command}\` on ${String(r.machine.cpus)} × ${String(r.machine.cpu_model)}, ${String(r.machine.memory_gb)} GB, Node ${String(r.machine.node)}` +
      `${load ? `; 1-minute load average ${load.start[0]} at the start of the workload, ${load.end[0]} at the end` : ''}.`,
    `Data set: ${n('contacts')} contacts, ${n('companies')} companies, ${n('deals')} deals, ${n('activities')} activities ` +
      `(${n('activityLinks')} links), ${n('history')} history rows, ${n('stageHistory')} stage stays, ${n('owners')} owners in ${n('teams')} teams; ` +
      `the big company has ${n('bigCompanyContacts')} contacts, the busy owner ${n('busyOwnerRecords')} records; ` +
      `generated in ${gen?.total?.toFixed(0) ?? '?'} s. Search keys of API-made contacts equal to the generator's: ` +
      `${check ? `${check.matching}/${check.checked}` : '?'}.`,
    '',
    '```',
    formatTable(r),
    '```',
    '',
  ].join('\n');
}

export function updateBenchmarksMd(root: string): void {
  const file = path.join(root, 'BENCHMARKS.md');
  if (!fs.existsSync(file)) return;
  const text = fs.readFileSync(file, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) return;
  const dir = path.join(root, 'bench/results');
  const parts: string[] = [];
  for (const key of ORDER) {
    const f = path.join(dir, `${key}.json`);
    if (fs.existsSync(f)) parts.push(section(JSON.parse(fs.readFileSync(f, 'utf8')) as Report));
  }
  fs.writeFileSync(file, `${text.slice(0, a + START.length)}\n\n${parts.join('\n')}${text.slice(b)}`);
}
