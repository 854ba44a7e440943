// The sales organisation of the data set: two business units, teams of ten (a manager and nine
// reps), 200 owners, the default pipeline with its stages, the workspace currency and the
// exchange rates the pipeline summary converts with.
import { randomBytes } from 'node:crypto';
import { sha256 } from '../../apps/server/src/platform/ids';
import type { Loader } from './loader';
import type { Plan } from './plan';
import { pinyinOf } from './people';
import type { Random } from './random';
import { uuid7At } from './uuid7';
import { chineseGivenChars, chineseSurnames, englishFirstNames, englishLastNames } from './vocabulary';

export interface Owner {
  id: string;
  teamId: string;
  unitId: string;
}

export interface Stage {
  id: string;
  position: number;
  probability: number;
  kind: 'open' | 'won' | 'lost';
}

export interface Organisation {
  workspaceId: string;
  adminId: string;
  owners: Owner[];
  /** The owner who holds the deliberate 50,000-record skew (a rep). */
  busyOwner: Owner;
  pipelineId: string;
  stages: Stage[];
  currency: string;
  /** Units of the workspace currency per unit of each other currency. */
  rates: Record<string, string>;
}

export const WORKSPACE_CURRENCY = 'CNY';
export const EXCHANGE_RATES = { USD: '7.1000', EUR: '7.8000' };

const STAGES: [string, string, number, Stage['kind']][] = [
  ['Qualification', '资格确认', 10, 'open'],
  ['Needs analysis', '需求分析', 25, 'open'],
  ['Proposal', '方案报价', 50, 'open'],
  ['Negotiation', '商务谈判', 75, 'open'],
  ['Won', '赢单', 100, 'won'],
  ['Lost', '输单', 0, 'lost'],
];

export async function loadOrganisation(db: Loader, plan: Plan, rnd: Random): Promise<Organisation> {
  const ws = await db.query<{ id: string }>('SELECT id FROM workspaces ORDER BY created_at LIMIT 1');
  const workspaceId = ws[0]?.id;
  if (!workspaceId)
    throw new Error('The bench database has no workspace: the server creates it on first start');
  const admin = await db.query<{ id: string }>(
    `SELECT u.id FROM users u JOIN roles r ON r.workspace_id = u.workspace_id AND r.id = u.role_id
     WHERE u.workspace_id = $1 AND r.key = 'admin' ORDER BY u.created_at LIMIT 1`,
    [workspaceId],
  );
  const adminId = admin[0]!.id;
  const roles = new Map(
    (
      await db.query<{ key: string; id: string }>('SELECT key, id FROM roles WHERE workspace_id = $1', [
        workspaceId,
      ])
    ).map((r) => [r.key, r.id]),
  );
  await db.query(
    `UPDATE workspaces SET currency = $2, time_zone = 'Asia/Shanghai',
       settings = settings || jsonb_build_object('exchangeRates', $3::jsonb) WHERE id = $1`,
    [workspaceId, WORKSPACE_CURRENCY, JSON.stringify(EXCHANGE_RATES)],
  );

  const now = Date.now();
  const units = [
    { id: uuid7At(now - 9e10, rnd), name: 'China / 中国区', currency: 'CNY' },
    { id: uuid7At(now - 9e10, rnd), name: 'International / 国际业务', currency: 'USD' },
  ];
  for (const u of units)
    await db.query('INSERT INTO business_units (workspace_id, id, name, currency) VALUES ($1, $2, $3, $4)', [
      workspaceId,
      u.id,
      u.name,
      u.currency,
    ]);

  const owners: Owner[] = [];
  const teamCount = Math.ceil(plan.owners / plan.teamSize);
  for (let t = 0; t < teamCount; t++) {
    const unit = units[t % 2]!;
    const teamId = uuid7At(now - 8e10, rnd);
    await db.query('INSERT INTO teams (workspace_id, id, name, unit_id) VALUES ($1, $2, $3, $4)', [
      workspaceId,
      teamId,
      t % 2 === 0 ? `销售${t + 1}组` : `Sales team ${t + 1}`,
      unit.id,
    ]);
    let managerId: string | null = null;
    for (let m = 0; m < plan.teamSize && owners.length < plan.owners; m++) {
      const id = uuid7At(now - 8e10 + owners.length, rnd);
      const chinese = t % 2 === 0;
      const last = chinese ? rnd.pick(chineseSurnames) : rnd.pick(englishLastNames);
      const first = chinese
        ? rnd.pick(chineseGivenChars) + rnd.pick(chineseGivenChars)
        : rnd.pick(englishFirstNames);
      const name = chinese ? `${last}${first}` : `${first} ${last}`;
      const local = chinese
        ? `${pinyinOf(last)}.${pinyinOf(first)}`
        : `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
      await db.query(
        `INSERT INTO users (workspace_id, id, email, name, role_id, team_id, unit_id, manager_id, locale, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true)`,
        [
          workspaceId,
          id,
          `${local}.${owners.length}@owners.bench.test`,
          name,
          roles.get(m === 0 ? 'manager' : 'rep'),
          teamId,
          unit.id,
          managerId,
          chinese ? 'zh-CN' : 'en',
        ],
      );
      if (m === 0) {
        managerId = id;
        await db.query('UPDATE teams SET manager_id = $3 WHERE workspace_id = $1 AND id = $2', [
          workspaceId,
          teamId,
          id,
        ]);
      }
      owners.push({ id, teamId, unitId: unit.id });
    }
  }

  const { pipelineId, stages } = await ensurePipeline(db, workspaceId, rnd);
  return {
    workspaceId,
    adminId,
    owners,
    busyOwner: owners[1]!,
    pipelineId,
    stages,
    currency: WORKSPACE_CURRENCY,
    rates: EXCHANGE_RATES,
  };
}

/** The workspace's default pipeline (seeded by the app when it has one) or one made here. */
async function ensurePipeline(db: Loader, workspaceId: string, rnd: Random) {
  const existing = await db.query<{ id: string }>(
    'SELECT id FROM pipelines WHERE workspace_id = $1 AND is_default AND archived_at IS NULL',
    [workspaceId],
  );
  let pipelineId = existing[0]?.id;
  if (!pipelineId) {
    pipelineId = uuid7At(Date.now() - 9e10, rnd);
    await db.query(
      `INSERT INTO pipelines (workspace_id, id, name, labels, currency, is_default)
       VALUES ($1, $2, 'Sales pipeline', $3, $4, true)`,
      [
        workspaceId,
        pipelineId,
        JSON.stringify({ en: 'Sales pipeline', 'zh-CN': '销售管道' }),
        WORKSPACE_CURRENCY,
      ],
    );
    for (const [i, [en, zh, probability, kind]] of STAGES.entries()) {
      await db.query(
        `INSERT INTO pipeline_stages (workspace_id, id, pipeline_id, name, labels, position, probability, kind)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          workspaceId,
          uuid7At(Date.now() - 9e10 + i, rnd),
          pipelineId,
          en,
          JSON.stringify({ en, 'zh-CN': zh }),
          i,
          probability,
          kind,
        ],
      );
    }
  }
  const stages = await db.query<Stage>(
    `SELECT id, position, probability, kind FROM pipeline_stages
     WHERE workspace_id = $1 AND pipeline_id = $2 AND archived_at IS NULL ORDER BY position`,
    [workspaceId, pipelineId],
  );
  return { pipelineId, stages };
}

/** An API key for a user, made the way the app makes them (only the hash is stored). */
export async function makeApiKey(
  db: Loader,
  workspaceId: string,
  userId: string,
  rnd: Random,
): Promise<string> {
  const token = `rpk_${randomBytes(32).toString('base64url')}`;
  await db.query(
    `INSERT INTO api_keys (workspace_id, id, user_id, name, token_hash, prefix) VALUES ($1, $2, $3, 'bench', $4, $5)`,
    [workspaceId, uuid7At(Date.now(), rnd), userId, sha256(token), token.slice(0, 10)],
  );
  return token;
}
