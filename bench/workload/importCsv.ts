// The import shape: a CSV of new contacts (bilingual, Chinese headers mixed with English ones, as
// exports from other systems are) uploaded to POST /api/v1/imports, then followed to the end.
import { Random } from '../dataset/random';
import { makePerson } from '../dataset/people';
import { type Api, request } from './http';

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** `first` numbers the people (their addresses carry it), so two files with different `first`s share no row. */
/** A `first` no earlier run used (a new block of 100,000 people per second, cycling every ~28 hours). */
export const freshFirst = () => 10_000_000 + (Math.floor(Date.now() / 1000) % 100_000) * 100_000;

export function importCsv(rows: number, seed: number, first = 5_000_000): Buffer {
  const rnd = new Random(seed);
  const lines = ['First name,Last name,Email,手机,职位,City'];
  for (let i = 0; i < rows; i++) {
    const p = makePerson(rnd, first + i);
    lines.push([p.firstName, p.lastName, p.email, p.phone, p.title, p.city].map(csvCell).join(','));
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

function multipart(file: Buffer, fields: Record<string, string>) {
  const boundary = `----rapportbench${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="contacts.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface ImportOutcome {
  /** partial: still running when the follow time ran out; the rate is then from its progress. */
  status: 'done' | 'partial' | 'unavailable' | 'failed';
  rows: number;
  seconds: number;
  rowsPerSecond: number | null;
  counts?: Record<string, number>;
  detail?: string;
}

const FINISHED = new Set(['done', 'completed', 'succeeded', 'finished', 'failed', 'error', 'cancelled']);

interface ImportJob {
  id: string;
  status: string;
  counts?: Record<string, number>;
  progress?: { processedRows: number; totalRows: number | null };
}

/**
 * `followSeconds` bounds how long the import is followed (BENCH_IMPORT_MAX_SECONDS overrides it):
 * long enough for a steady rate, short enough that a slow import cannot hold the run for an hour.
 */
export async function runImport(
  api: Api,
  rows: number,
  followSeconds: number,
  log: (m: string) => void,
): Promise<ImportOutcome> {
  // New people on every run: a --reuse run importing the file of the run before would match every
  // row and measure a skip (2026-12-07: "11,385 rows/s", all 100,000 rows skipped).
  const file = importCsv(rows, 77, freshFirst());
  const { body, contentType } = multipart(file, { object: 'contacts', options: JSON.stringify({}) });
  const t0 = performance.now();
  const res = await request(api, 'POST', '/api/v1/imports', body, { 'content-type': contentType });
  if (res.status === 404)
    return {
      status: 'unavailable',
      rows,
      seconds: 0,
      rowsPerSecond: null,
      detail: 'POST /api/v1/imports is not served yet',
    };
  if (res.status >= 300)
    return {
      status: 'failed',
      rows,
      seconds: 0,
      rowsPerSecond: null,
      detail: `${res.status} ${res.body.slice(0, 300)}`,
    };
  let job = JSON.parse(res.body) as ImportJob;
  // Large files run as a job: follow it, for a bounded time.
  const deadline = Date.now() + Number(process.env.BENCH_IMPORT_MAX_SECONDS ?? followSeconds) * 1000;
  while (!FINISHED.has(job.status) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    const r = await request(api, 'GET', `/api/v1/imports/${job.id}`);
    if (r.status !== 200)
      return {
        status: 'failed',
        rows,
        seconds: 0,
        rowsPerSecond: null,
        detail: `${r.status} ${r.body.slice(0, 300)}`,
      };
    job = JSON.parse(r.body);
  }
  const seconds = (performance.now() - t0) / 1000;
  if (!FINISHED.has(job.status)) {
    const done = job.progress?.processedRows ?? 0;
    log(`  import: still ${job.status} after ${seconds.toFixed(0)} s, ${done} of ${rows} rows`);
    return {
      status: 'partial',
      rows,
      seconds,
      rowsPerSecond: Math.round(done / seconds),
      counts: job.counts,
      detail: `followed for ${seconds.toFixed(0)} s: ${done} of ${rows} rows processed (rate from progress); ${JSON.stringify(job.counts ?? {})}`,
    };
  }
  const finished = !['failed', 'error', 'cancelled'].includes(job.status) && FINISHED.has(job.status);
  // The shape is an import of new contacts; a file whose rows matched is a different measure.
  const ok = finished && (job.counts?.created ?? rows) >= rows * 0.99;
  log(`  import: ${job.status} in ${seconds.toFixed(1)} s ${JSON.stringify(job.counts ?? {})}`);
  return {
    status: ok ? 'done' : 'failed',
    rows,
    seconds,
    rowsPerSecond: ok ? Math.round(rows / seconds) : null,
    counts: job.counts,
    detail: ok
      ? undefined
      : finished
        ? `only ${job.counts?.created ?? 0} of ${rows} rows were new: not a measure of an import of new contacts`
        : `ended as ${job.status}`,
  };
}
