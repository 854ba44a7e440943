// The whole workspace as one zip, so the company can take all of its data out (R4): per object a
// CSV (api names as headers) and a JSON Lines file of the records as the API returns them, plus
// the schema, the users, teams and pipelines, and a manifest with the counts. Written as a stream
// with fflate, a page of records at a time.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import { sql } from 'kysely';
import { can } from '../../platform/access/authorize';
import { loadActor } from '../../platform/auth/loadActor';
import { clock } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import type { Store } from '../../platform/db/open';
import { csvLine } from '../../platform/files/csvWriter';
import { loadAllObjects } from '../records/meta/loadObject';
import { listObjects } from '../records/meta/presentMeta';
import { cellOf, exportColumns } from './exportCells';
import { allRecords } from './listPages';
import './tables';

class ZipFile {
  private readonly out: fs.WriteStream;
  private readonly zip: Zip;
  private readonly done: Promise<void>;
  constructor(file: string) {
    this.out = fs.createWriteStream(file);
    let resolve!: () => void;
    let reject!: (e: Error) => void;
    this.done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    this.out.on('error', reject);
    this.zip = new Zip((err, chunk, final) => {
      if (err) return reject(err);
      this.out.write(chunk);
      if (final) this.out.end(resolve);
    });
  }
  entry(name: string) {
    const f = new ZipDeflate(name, { level: 6 });
    this.zip.add(f);
    const enc = new TextEncoder();
    let buf = '';
    return {
      write: (s: string) => {
        buf += s;
        if (buf.length > 65536) {
          f.push(enc.encode(buf));
          buf = '';
        }
      },
      close: () => f.push(enc.encode(buf), true),
    };
  }
  async finish() {
    this.zip.end();
    await this.done;
  }
}

export async function buildArchive(
  store: Store,
  workspaceId: string,
  exportId: string,
  dir: string,
): Promise<void> {
  const row = await store.db
    .selectFrom('exports')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', exportId)
    .executeTakeFirst();
  if (!row || row.status === 'completed') return;
  const loaded = await loadActor(store.db, workspaceId, row.created_by, 'user');
  if (!loaded) throw new Error('The user who asked for the export is gone');
  const ctx: Ctx = { db: store.db, actor: loaded.actor, workspaceId };
  await store.db
    .updateTable('exports')
    .set({ status: 'running' })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', exportId)
    .execute();
  await fsp.mkdir(dir, { recursive: true });
  const file = path.join(dir, `${exportId}.zip`);
  const zip = new ZipFile(file);
  const counts: Record<string, number> = {};
  try {
    for (const meta of await loadAllObjects(ctx)) {
      if (!can(ctx.actor, meta.name, 'read')) continue;
      const cols = exportColumns(meta, ctx.actor, 'names');
      const csv = zip.entry(`${meta.name}.csv`);
      const jsonl = zip.entry(`${meta.name}.jsonl`);
      csv.write('\uFEFF' + csvLine(cols.map((c) => c.header)));
      let n = 0;
      for await (const rec of allRecords(ctx, meta.name, {})) {
        csv.write(csvLine(cols.map((c) => cellOf(rec, c.field, false, false))));
        jsonl.write(`${JSON.stringify(rec)}\n`);
        n++;
      }
      csv.close();
      jsonl.close();
      counts[meta.name] = n;
    }
    const schema = zip.entry('schema.json');
    schema.write(JSON.stringify(await listObjects(ctx), null, 2));
    schema.close();
    const users = await sql<Record<string, unknown>>`
      SELECT u.id, u.email, u.name, r.key AS role, u.team_id AS "teamId", u.unit_id AS "unitId", u.manager_id AS "managerId",
        u.locale, u.time_zone AS "timeZone", u.active, u.created_at AS "createdAt"
      FROM users u JOIN roles r ON r.workspace_id = u.workspace_id AND r.id = u.role_id
      WHERE u.workspace_id = ${workspaceId} ORDER BY u.created_at`.execute(store.db);
    const usersFile = zip.entry('users.jsonl');
    for (const u of users.rows) usersFile.write(`${JSON.stringify(u)}\n`);
    usersFile.close();
    counts.users = users.rows.length;
    const usersCsv = zip.entry('users.csv');
    usersCsv.write('\uFEFF' + csvLine(['id', 'email', 'name', 'role', 'active']));
    for (const u of users.rows)
      usersCsv.write(
        csvLine([u.id as string, u.email as string, u.name as string, u.role as string, Boolean(u.active)]),
      );
    usersCsv.close();
    for (const [name, query] of [
      [
        'teams',
        sql`SELECT id, name, unit_id AS "unitId", manager_id AS "managerId" FROM teams WHERE workspace_id = ${workspaceId}`,
      ],
      [
        'pipelines',
        sql`SELECT p.id, p.name, p.labels, (SELECT json_agg(json_build_object('id', s.id, 'name', s.name, 'labels', s.labels, 'probability', s.probability, 'kind', s.kind) ORDER BY s.position) FROM pipeline_stages s WHERE s.workspace_id = p.workspace_id AND s.pipeline_id = p.id) AS stages FROM pipelines p WHERE p.workspace_id = ${workspaceId}`,
      ],
    ] as const) {
      const res = await query.execute(store.db);
      const f = zip.entry(`${name}.jsonl`);
      for (const r of res.rows) f.write(`${JSON.stringify(r)}\n`);
      f.close();
    }
    const manifest = zip.entry('manifest.json');
    manifest.write(
      JSON.stringify(
        { format: 'rapport-archive/1', workspaceId, exportedAt: clock.now().toISOString(), counts },
        null,
        2,
      ),
    );
    manifest.close();
    await zip.finish();
  } catch (err) {
    await zip.finish().catch(() => undefined);
    await fsp.rm(file, { force: true });
    throw err;
  }
  const size = (await fsp.stat(file)).size;
  await store.db
    .updateTable('exports')
    .set({
      status: 'completed',
      file_path: file,
      file_size: size,
      counts: JSON.stringify(counts),
      finished_at: clock.now(),
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', exportId)
    .execute();
}
