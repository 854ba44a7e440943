// A version of each workspace's data model, so a process may keep an object's metadata between
// requests and still never use an outdated one: the identity statement every request runs reads
// the version, and metadata is reloaded when it moved. Triggers move it on every change of a field
// definition, an object definition, or the workspace's currency or time zone, whoever makes the
// change (the API, a restore, another process). Values come from one sequence, so a version is
// never handed out twice in a database, even to a workspace deleted and created again.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE SEQUENCE schema_versions`.execute(db);
  await sql`ALTER TABLE workspaces ADD COLUMN schema_version bigint NOT NULL DEFAULT nextval('schema_versions')`.execute(
    db,
  );
  await sql`CREATE FUNCTION bump_schema_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        UPDATE workspaces SET schema_version = nextval('schema_versions') WHERE id = OLD.workspace_id;
      END IF;
      IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.workspace_id IS DISTINCT FROM OLD.workspace_id) THEN
        UPDATE workspaces SET schema_version = nextval('schema_versions') WHERE id = NEW.workspace_id;
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  for (const table of ['field_definitions', 'object_definitions'])
    await sql`CREATE TRIGGER ${sql.ref(`${table}_schema_version`)}
      AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH ROW EXECUTE FUNCTION bump_schema_version()`.execute(db);
  // The workspace's own settings that are part of every object's metadata.
  await sql`CREATE FUNCTION bump_workspace_schema_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' OR NEW.currency IS DISTINCT FROM OLD.currency
          OR NEW.time_zone IS DISTINCT FROM OLD.time_zone THEN
        NEW.schema_version := nextval('schema_versions');
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER workspaces_schema_version BEFORE INSERT OR UPDATE ON workspaces
    FOR EACH ROW EXECUTE FUNCTION bump_workspace_schema_version()`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only');
}
