// The sales pipeline every workspace starts with, labelled in English and Chinese.
import { sql } from 'kysely';
import type { Executor } from '../../platform/db/schema';
import { newId } from '../../platform/ids';

export const defaultStages: {
  name: string;
  zh: string;
  probability: number;
  kind: 'open' | 'won' | 'lost';
}[] = [
  { name: 'Qualification', zh: '资格审查', probability: 10, kind: 'open' },
  { name: 'Needs analysis', zh: '需求分析', probability: 25, kind: 'open' },
  { name: 'Proposal', zh: '方案报价', probability: 50, kind: 'open' },
  { name: 'Negotiation', zh: '商务谈判', probability: 75, kind: 'open' },
  { name: 'Closed won', zh: '赢单', probability: 100, kind: 'won' },
  { name: 'Closed lost', zh: '输单', probability: 0, kind: 'lost' },
];

export async function seedDefaultPipeline(
  db: Executor,
  workspaceId: string,
  locale: string,
): Promise<string> {
  const id = newId();
  const zh = locale.toLowerCase().startsWith('zh');
  const inserted = await sql<{
    id: string;
  }>`INSERT INTO pipelines (workspace_id, id, name, labels, is_default, position)
    VALUES (${workspaceId}, ${id}, ${zh ? '销售管道' : 'Sales pipeline'},
      ${JSON.stringify({ en: 'Sales pipeline', 'zh-CN': '销售管道' })}::jsonb, true, 0)
    ON CONFLICT DO NOTHING RETURNING id`.execute(db);
  if (!inserted.rows[0]) {
    // Another request seeded it first: use theirs.
    const existing = await sql<{
      id: string;
    }>`SELECT id FROM pipelines WHERE workspace_id = ${workspaceId} AND is_default`.execute(db);
    return existing.rows[0]!.id;
  }
  await sql`INSERT INTO pipeline_stages (workspace_id, id, pipeline_id, name, labels, position, probability, kind)
    VALUES ${sql.join(
      defaultStages.map(
        (s, i) =>
          sql`(${workspaceId}, ${newId()}, ${id}, ${zh ? s.zh : s.name}, ${JSON.stringify({ en: s.name, 'zh-CN': s.zh })}::jsonb,
            ${i}, ${s.probability}, ${s.kind})`,
      ),
    )}`.execute(db);
  return id;
}
