// Relation targets that are not records (users, teams, business units, pipelines and stages):
// where their rows live and what names them. Record objects are resolved through their metadata.
export interface RefTarget {
  table: string;
  title: string;
  /** Rows that are no longer live (archived stages, deactivated users still resolve for display). */
  liveCondition?: string;
  labels?: boolean;
}

export const refTargets: Record<string, RefTarget> = {
  users: { table: 'users', title: 'name' },
  teams: { table: 'teams', title: 'name' },
  businessUnits: { table: 'business_units', title: 'name' },
  pipelines: { table: 'pipelines', title: 'name', liveCondition: 'archived_at IS NULL', labels: true },
  pipelineStages: {
    table: 'pipeline_stages',
    title: 'name',
    liveCondition: 'archived_at IS NULL',
    labels: true,
  },
};
