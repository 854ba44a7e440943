-- The SQL of the main list, search and timeline shapes (written by tests/explain.test.ts).
-- A change here is a change to what the database is asked: check the EXPLAIN test still passes.

-- contacts: default list
SELECT "t"."id", "t"."version", "t"."custom", "t"."deleted_at", "t"."deleted_by", "t"."created_at", "t"."updated_at", "t"."created_by", "t"."updated_by", "t"."owner_id", "t"."team_id", "t"."unit_id", "t"."first_name", "t"."last_name", "t"."name", "t"."email", "t"."phone", "t"."emails", "t"."phones", "t"."title", "t"."department", "t"."company_id", "t"."social_profiles", "t"."birthday", "t"."address", "t"."city", "t"."country", "t"."description", "t"."last_activity_at", "t"."last_activity_type", "t"."next_task_at", "t"."next_task_id", "t"."open_deal_value", "t"."open_deal_count", "t"."updated_at" AS "__k0", ARRAY(SELECT l.tag_id FROM taggings l WHERE l.workspace_id = $1
      AND l.object = $2 AND l.record_id = "t"."id" ORDER BY l.position, l.tag_id) AS "__link_tagIds" FROM "contacts" AS "t"
WHERE "t"."workspace_id" = $3
  AND "t"."deleted_at" IS NULL
ORDER BY "t"."updated_at" DESC, "t"."id" DESC
LIMIT 51;

-- contacts: default list after a cursor
SELECT "t"."id", "t"."version", "t"."custom", "t"."deleted_at", "t"."deleted_by", "t"."created_at", "t"."updated_at", "t"."created_by", "t"."updated_by", "t"."owner_id", "t"."team_id", "t"."unit_id", "t"."first_name", "t"."last_name", "t"."name", "t"."email", "t"."phone", "t"."emails", "t"."phones", "t"."title", "t"."department", "t"."company_id", "t"."social_profiles", "t"."birthday", "t"."address", "t"."city", "t"."country", "t"."description", "t"."last_activity_at", "t"."last_activity_type", "t"."next_task_at", "t"."next_task_id", "t"."open_deal_value", "t"."open_deal_count", "t"."updated_at" AS "__k0", ARRAY(SELECT l.tag_id FROM taggings l WHERE l.workspace_id = $1
      AND l.object = $2 AND l.record_id = "t"."id" ORDER BY l.position, l.tag_id) AS "__link_tagIds" FROM "contacts" AS "t"
WHERE "t"."workspace_id" = $3
  AND "t"."deleted_at" IS NULL
  AND ("t"."updated_at", "t"."id") < ($4, $5)
ORDER BY "t"."updated_at" DESC, "t"."id" DESC
LIMIT 51;

-- contacts: sorted by name
SELECT "t"."id", "t"."version", "t"."custom", "t"."deleted_at", "t"."deleted_by", "t"."created_at", "t"."updated_at", "t"."created_by", "t"."updated_by", "t"."owner_id", "t"."team_id", "t"."unit_id", "t"."first_name", "t"."last_name", "t"."name", "t"."email", "t"."phone", "t"."emails", "t"."phones", "t"."title", "t"."department", "t"."company_id", "t"."social_profiles", "t"."birthday", "t"."address", "t"."city", "t"."country", "t"."description", "t"."last_activity_at", "t"."last_activity_type", "t"."next_task_at", "t"."next_task_id", "t"."open_deal_value", "t"."open_deal_count", "t"."name" AS "__k0", ARRAY(SELECT l.tag_id FROM taggings l WHERE l.workspace_id = $1
      AND l.object = $2 AND l.record_id = "t"."id" ORDER BY l.position, l.tag_id) AS "__link_tagIds" FROM "contacts" AS "t"
WHERE "t"."workspace_id" = $3
  AND "t"."deleted_at" IS NULL
ORDER BY "t"."name" ASC, "t"."id" ASC
LIMIT 51;

-- contacts: of one company
SELECT "t"."id", "t"."version", "t"."custom", "t"."deleted_at", "t"."deleted_by", "t"."created_at", "t"."updated_at", "t"."created_by", "t"."updated_by", "t"."owner_id", "t"."team_id", "t"."unit_id", "t"."first_name", "t"."last_name", "t"."name", "t"."email", "t"."phone", "t"."emails", "t"."phones", "t"."title", "t"."department", "t"."company_id", "t"."social_profiles", "t"."birthday", "t"."address", "t"."city", "t"."country", "t"."description", "t"."last_activity_at", "t"."last_activity_type", "t"."next_task_at", "t"."next_task_id", "t"."open_deal_value", "t"."open_deal_count", "t"."updated_at" AS "__k0", ARRAY(SELECT l.tag_id FROM taggings l WHERE l.workspace_id = $1
      AND l.object = $2 AND l.record_id = "t"."id" ORDER BY l.position, l.tag_id) AS "__link_tagIds" FROM "contacts" AS "t"
WHERE "t"."workspace_id" = $3
  AND "t"."deleted_at" IS NULL
  AND "t"."company_id" = $4
ORDER BY "t"."updated_at" DESC, "t"."id" DESC
LIMIT 51;

-- contacts: by email
SELECT "t"."id", "t"."version", "t"."custom", "t"."deleted_at", "t"."deleted_by", "t"."created_at", "t"."updated_at", "t"."created_by", "t"."updated_by", "t"."owner_id", "t"."team_id", "t"."unit_id", "t"."first_name", "t"."last_name", "t"."name", "t"."email", "t"."phone", "t"."emails", "t"."phones", "t"."title", "t"."department", "t"."company_id", "t"."social_profiles", "t"."birthday", "t"."address", "t"."city", "t"."country", "t"."description", "t"."last_activity_at", "t"."last_activity_type", "t"."next_task_at", "t"."next_task_id", "t"."open_deal_value", "t"."open_deal_count", "t"."updated_at" AS "__k0", ARRAY(SELECT l.tag_id FROM taggings l WHERE l.workspace_id = $1
      AND l.object = $2 AND l.record_id = "t"."id" ORDER BY l.position, l.tag_id) AS "__link_tagIds" FROM "contacts" AS "t"
WHERE "t"."workspace_id" = $3
  AND "t"."deleted_at" IS NULL
  AND lower("t"."email") = lower($4)
ORDER BY "t"."updated_at" DESC, "t"."id" DESC
LIMIT 51;

-- contacts: q search
WITH matches AS MATERIALIZED (SELECT "t"."id", "t"."version", "t"."custom", "t"."deleted_at", "t"."deleted_by", "t"."created_at", "t"."updated_at", "t"."created_by", "t"."updated_by", "t"."owner_id", "t"."team_id", "t"."unit_id", "t"."first_name", "t"."last_name", "t"."name", "t"."email", "t"."phone", "t"."emails", "t"."phones", "t"."title", "t"."department", "t"."company_id", "t"."social_profiles", "t"."birthday", "t"."address", "t"."city", "t"."country", "t"."description", "t"."last_activity_at", "t"."last_activity_type", "t"."next_task_at", "t"."next_task_id", "t"."open_deal_value", "t"."open_deal_count", "t"."updated_at" AS "__k0" FROM "contacts" AS "t"
WHERE "t"."workspace_id" = $1
  AND "t"."deleted_at" IS NULL
  AND "t"."search_text" ILIKE $2)
SELECT *, ARRAY(SELECT l.tag_id FROM taggings l WHERE l.workspace_id = $3
      AND l.object = $4 AND l.record_id = "t"."id" ORDER BY l.position, l.tag_id) AS "__link_tagIds" FROM matches AS "t"
ORDER BY "t"."updated_at" DESC, "t"."id" DESC
LIMIT 51;

-- contacts: related company name
SELECT "t"."id", "t"."version", "t"."custom", "t"."deleted_at", "t"."deleted_by", "t"."created_at", "t"."updated_at", "t"."created_by", "t"."updated_by", "t"."owner_id", "t"."team_id", "t"."unit_id", "t"."first_name", "t"."last_name", "t"."name", "t"."email", "t"."phone", "t"."emails", "t"."phones", "t"."title", "t"."department", "t"."company_id", "t"."social_profiles", "t"."birthday", "t"."address", "t"."city", "t"."country", "t"."description", "t"."last_activity_at", "t"."last_activity_type", "t"."next_task_at", "t"."next_task_id", "t"."open_deal_value", "t"."open_deal_count", "t"."updated_at" AS "__k0", ARRAY(SELECT l.tag_id FROM taggings l WHERE l.workspace_id = $1
      AND l.object = $2 AND l.record_id = "t"."id" ORDER BY l.position, l.tag_id) AS "__link_tagIds" FROM "contacts" AS "t"
WHERE "t"."workspace_id" = $3
  AND "t"."deleted_at" IS NULL
  AND EXISTS (SELECT 1 FROM "companies" AS r WHERE r.id = "t"."company_id" AND "r"."workspace_id" = $4 AND r.deleted_at IS NULL AND "r"."name" = $5)
ORDER BY "t"."updated_at" DESC, "t"."id" DESC
LIMIT 51;

-- contacts: indexed custom number
SELECT "t"."id", "t"."version", "t"."custom", "t"."deleted_at", "t"."deleted_by", "t"."created_at", "t"."updated_at", "t"."created_by", "t"."updated_by", "t"."owner_id", "t"."team_id", "t"."unit_id", "t"."first_name", "t"."last_name", "t"."name", "t"."email", "t"."phone", "t"."emails", "t"."phones", "t"."title", "t"."department", "t"."company_id", "t"."social_profiles", "t"."birthday", "t"."address", "t"."city", "t"."country", "t"."description", "t"."last_activity_at", "t"."last_activity_type", "t"."next_task_at", "t"."next_task_id", "t"."open_deal_value", "t"."open_deal_count", "t"."updated_at" AS "__k0", ARRAY(SELECT l.tag_id FROM taggings l WHERE l.workspace_id = $1
      AND l.object = $2 AND l.record_id = "t"."id" ORDER BY l.position, l.tag_id) AS "__link_tagIds" FROM "contacts" AS "t"
WHERE "t"."workspace_id" = $3
  AND "t"."deleted_at" IS NULL
  AND rapport_num("t"."custom"->>'loyalty') >= $4
ORDER BY "t"."updated_at" DESC, "t"."id" DESC
LIMIT 51;

-- contacts: indexed custom number, sorted by it (phase 1)
SELECT "t"."id", "t"."version", "t"."custom", "t"."deleted_at", "t"."deleted_by", "t"."created_at", "t"."updated_at", "t"."created_by", "t"."updated_by", "t"."owner_id", "t"."team_id", "t"."unit_id", "t"."first_name", "t"."last_name", "t"."name", "t"."email", "t"."phone", "t"."emails", "t"."phones", "t"."title", "t"."department", "t"."company_id", "t"."social_profiles", "t"."birthday", "t"."address", "t"."city", "t"."country", "t"."description", "t"."last_activity_at", "t"."last_activity_type", "t"."next_task_at", "t"."next_task_id", "t"."open_deal_value", "t"."open_deal_count", rapport_num("t"."custom"->>'loyalty') AS "__k0", ARRAY(SELECT l.tag_id FROM taggings l WHERE l.workspace_id = $1
      AND l.object = $2 AND l.record_id = "t"."id" ORDER BY l.position, l.tag_id) AS "__link_tagIds" FROM "contacts" AS "t"
WHERE "t"."workspace_id" = $3
  AND "t"."deleted_at" IS NULL
  AND rapport_num("t"."custom"->>'loyalty') >= $4
  AND rapport_num("t"."custom"->>'loyalty') IS NOT NULL
ORDER BY rapport_num("t"."custom"->>'loyalty') DESC, "t"."id" DESC
LIMIT 51;

-- contacts: indexed custom number, sorted by it (phase 2)
SELECT "t"."id", "t"."version", "t"."custom", "t"."deleted_at", "t"."deleted_by", "t"."created_at", "t"."updated_at", "t"."created_by", "t"."updated_by", "t"."owner_id", "t"."team_id", "t"."unit_id", "t"."first_name", "t"."last_name", "t"."name", "t"."email", "t"."phone", "t"."emails", "t"."phones", "t"."title", "t"."department", "t"."company_id", "t"."social_profiles", "t"."birthday", "t"."address", "t"."city", "t"."country", "t"."description", "t"."last_activity_at", "t"."last_activity_type", "t"."next_task_at", "t"."next_task_id", "t"."open_deal_value", "t"."open_deal_count", rapport_num("t"."custom"->>'loyalty') AS "__k0", ARRAY(SELECT l.tag_id FROM taggings l WHERE l.workspace_id = $1
      AND l.object = $2 AND l.record_id = "t"."id" ORDER BY l.position, l.tag_id) AS "__link_tagIds" FROM "contacts" AS "t"
WHERE "t"."workspace_id" = $3
  AND "t"."deleted_at" IS NULL
  AND rapport_num("t"."custom"->>'loyalty') >= $4
  AND rapport_num("t"."custom"->>'loyalty') IS NULL
ORDER BY rapport_num("t"."custom"->>'loyalty') DESC, "t"."id" DESC
LIMIT 51;

-- contacts: not contacted in 30 days (phase 1)
SELECT "t"."id", "t"."version", "t"."custom", "t"."deleted_at", "t"."deleted_by", "t"."created_at", "t"."updated_at", "t"."created_by", "t"."updated_by", "t"."owner_id", "t"."team_id", "t"."unit_id", "t"."first_name", "t"."last_name", "t"."name", "t"."email", "t"."phone", "t"."emails", "t"."phones", "t"."title", "t"."department", "t"."company_id", "t"."social_profiles", "t"."birthday", "t"."address", "t"."city", "t"."country", "t"."description", "t"."last_activity_at", "t"."last_activity_type", "t"."next_task_at", "t"."next_task_id", "t"."open_deal_value", "t"."open_deal_count", "t"."last_activity_at" AS "__k0", ARRAY(SELECT l.tag_id FROM taggings l WHERE l.workspace_id = $1
      AND l.object = $2 AND l.record_id = "t"."id" ORDER BY l.position, l.tag_id) AS "__link_tagIds" FROM "contacts" AS "t"
WHERE "t"."workspace_id" = $3
  AND "t"."deleted_at" IS NULL
  AND ("t"."last_activity_at" < $4 OR "t"."last_activity_at" IS NULL)
  AND "t"."last_activity_at" IS NOT NULL
ORDER BY "t"."last_activity_at" ASC, "t"."id" ASC
LIMIT 51;

-- contacts: not contacted in 30 days (phase 2)
SELECT "t"."id", "t"."version", "t"."custom", "t"."deleted_at", "t"."deleted_by", "t"."created_at", "t"."updated_at", "t"."created_by", "t"."updated_by", "t"."owner_id", "t"."team_id", "t"."unit_id", "t"."first_name", "t"."last_name", "t"."name", "t"."email", "t"."phone", "t"."emails", "t"."phones", "t"."title", "t"."department", "t"."company_id", "t"."social_profiles", "t"."birthday", "t"."address", "t"."city", "t"."country", "t"."description", "t"."last_activity_at", "t"."last_activity_type", "t"."next_task_at", "t"."next_task_id", "t"."open_deal_value", "t"."open_deal_count", "t"."last_activity_at" AS "__k0", ARRAY(SELECT l.tag_id FROM taggings l WHERE l.workspace_id = $1
      AND l.object = $2 AND l.record_id = "t"."id" ORDER BY l.position, l.tag_id) AS "__link_tagIds" FROM "contacts" AS "t"
WHERE "t"."workspace_id" = $3
  AND "t"."deleted_at" IS NULL
  AND ("t"."last_activity_at" < $4 OR "t"."last_activity_at" IS NULL)
  AND "t"."last_activity_at" IS NULL
ORDER BY "t"."last_activity_at" ASC, "t"."id" ASC
LIMIT 51;

-- deals: my open deals (rep) (phase 1)
SELECT "t"."id", "t"."version", "t"."custom", "t"."deleted_at", "t"."deleted_by", "t"."created_at", "t"."updated_at", "t"."created_by", "t"."updated_by", "t"."owner_id", "t"."team_id", "t"."unit_id", "t"."name", "t"."amount", "t"."currency", "t"."pipeline_id", "t"."stage_id", "t"."status", "t"."probability", "t"."close_date", "t"."closed_at", "t"."stage_entered_at", "t"."lost_reason", "t"."source", "t"."description", "t"."company_id", "t"."last_activity_at", "t"."last_activity_type", "t"."next_task_at", "t"."next_task_id", "t"."close_date" AS "__k0", ARRAY(SELECT l.contact_id FROM deal_contacts l WHERE l.workspace_id = $1
      AND l.deal_id = "t"."id" ORDER BY l.position, l.contact_id) AS "__link_contactIds", ARRAY(SELECT l.tag_id FROM taggings l WHERE l.workspace_id = $2
      AND l.object = $3 AND l.record_id = "t"."id" ORDER BY l.position, l.tag_id) AS "__link_tagIds" FROM "deals" AS "t"
WHERE "t"."workspace_id" = $4
  AND "t"."deleted_at" IS NULL
  AND "t"."owner_id" = $5
  AND "t"."owner_id" = $6
  AND "t"."status" = $7
  AND "t"."close_date" IS NOT NULL
ORDER BY "t"."close_date" ASC, "t"."id" ASC
LIMIT 51;

-- deals: my open deals (rep) (phase 2)
SELECT "t"."id", "t"."version", "t"."custom", "t"."deleted_at", "t"."deleted_by", "t"."created_at", "t"."updated_at", "t"."created_by", "t"."updated_by", "t"."owner_id", "t"."team_id", "t"."unit_id", "t"."name", "t"."amount", "t"."currency", "t"."pipeline_id", "t"."stage_id", "t"."status", "t"."probability", "t"."close_date", "t"."closed_at", "t"."stage_entered_at", "t"."lost_reason", "t"."source", "t"."description", "t"."company_id", "t"."last_activity_at", "t"."last_activity_type", "t"."next_task_at", "t"."next_task_id", "t"."close_date" AS "__k0", ARRAY(SELECT l.contact_id FROM deal_contacts l WHERE l.workspace_id = $1
      AND l.deal_id = "t"."id" ORDER BY l.position, l.contact_id) AS "__link_contactIds", ARRAY(SELECT l.tag_id FROM taggings l WHERE l.workspace_id = $2
      AND l.object = $3 AND l.record_id = "t"."id" ORDER BY l.position, l.tag_id) AS "__link_tagIds" FROM "deals" AS "t"
WHERE "t"."workspace_id" = $4
  AND "t"."deleted_at" IS NULL
  AND "t"."owner_id" = $5
  AND "t"."owner_id" = $6
  AND "t"."status" = $7
  AND "t"."close_date" IS NULL
ORDER BY "t"."close_date" ASC, "t"."id" ASC
LIMIT 51;

-- activities: my tasks due today (rep) (phase 1)
SELECT "t"."id", "t"."version", "t"."custom", "t"."deleted_at", "t"."deleted_by", "t"."created_at", "t"."updated_at", "t"."created_by", "t"."updated_by", "t"."owner_id", "t"."team_id", "t"."unit_id", "t"."type", "t"."subject", "t"."body", "t"."due_at", "t"."done_at", "t"."outcome", "t"."duration_minutes", "t"."location", "t"."priority", "t"."occurred_at", "t"."due_at" AS "__k0", (SELECT coalesce(json_agg(json_build_object('object', l.object, 'id', l.record_id)
        ORDER BY l.position, l.object, l.record_id), '[]'::json)
      FROM activity_links l WHERE l.workspace_id = $1
      AND l.activity_id = "t"."id" AND l.direct) AS "__link_relatedTo" FROM "activities" AS "t"
WHERE "t"."workspace_id" = $2
  AND "t"."deleted_at" IS NULL
  AND "t"."owner_id" = $3
  AND "t"."type" = $4
  AND "t"."owner_id" = $5
  AND "t"."done_at" IS NULL
  AND "t"."due_at" <= $6
  AND "t"."due_at" IS NOT NULL
ORDER BY "t"."due_at" ASC, "t"."id" ASC
LIMIT 51;

-- activities: my tasks due today (rep) (phase 2)
SELECT "t"."id", "t"."version", "t"."custom", "t"."deleted_at", "t"."deleted_by", "t"."created_at", "t"."updated_at", "t"."created_by", "t"."updated_by", "t"."owner_id", "t"."team_id", "t"."unit_id", "t"."type", "t"."subject", "t"."body", "t"."due_at", "t"."done_at", "t"."outcome", "t"."duration_minutes", "t"."location", "t"."priority", "t"."occurred_at", "t"."due_at" AS "__k0", (SELECT coalesce(json_agg(json_build_object('object', l.object, 'id', l.record_id)
        ORDER BY l.position, l.object, l.record_id), '[]'::json)
      FROM activity_links l WHERE l.workspace_id = $1
      AND l.activity_id = "t"."id" AND l.direct) AS "__link_relatedTo" FROM "activities" AS "t"
WHERE "t"."workspace_id" = $2
  AND "t"."deleted_at" IS NULL
  AND "t"."owner_id" = $3
  AND "t"."type" = $4
  AND "t"."owner_id" = $5
  AND "t"."done_at" IS NULL
  AND "t"."due_at" <= $6
  AND "t"."due_at" IS NULL
ORDER BY "t"."due_at" ASC, "t"."id" ASC
LIMIT 51;

-- deals: rep default list (own scope)
SELECT "t"."id", "t"."version", "t"."custom", "t"."deleted_at", "t"."deleted_by", "t"."created_at", "t"."updated_at", "t"."created_by", "t"."updated_by", "t"."owner_id", "t"."team_id", "t"."unit_id", "t"."name", "t"."amount", "t"."currency", "t"."pipeline_id", "t"."stage_id", "t"."status", "t"."probability", "t"."close_date", "t"."closed_at", "t"."stage_entered_at", "t"."lost_reason", "t"."source", "t"."description", "t"."company_id", "t"."last_activity_at", "t"."last_activity_type", "t"."next_task_at", "t"."next_task_id", "t"."updated_at" AS "__k0", ARRAY(SELECT l.contact_id FROM deal_contacts l WHERE l.workspace_id = $1
      AND l.deal_id = "t"."id" ORDER BY l.position, l.contact_id) AS "__link_contactIds", ARRAY(SELECT l.tag_id FROM taggings l WHERE l.workspace_id = $2
      AND l.object = $3 AND l.record_id = "t"."id" ORDER BY l.position, l.tag_id) AS "__link_tagIds" FROM "deals" AS "t"
WHERE "t"."workspace_id" = $4
  AND "t"."deleted_at" IS NULL
  AND "t"."owner_id" = $5
ORDER BY "t"."updated_at" DESC, "t"."id" DESC
LIMIT 51;

-- deals: one stage by close date (phase 1)
SELECT "t"."id", "t"."version", "t"."custom", "t"."deleted_at", "t"."deleted_by", "t"."created_at", "t"."updated_at", "t"."created_by", "t"."updated_by", "t"."owner_id", "t"."team_id", "t"."unit_id", "t"."name", "t"."amount", "t"."currency", "t"."pipeline_id", "t"."stage_id", "t"."status", "t"."probability", "t"."close_date", "t"."closed_at", "t"."stage_entered_at", "t"."lost_reason", "t"."source", "t"."description", "t"."company_id", "t"."last_activity_at", "t"."last_activity_type", "t"."next_task_at", "t"."next_task_id", "t"."close_date" AS "__k0", ARRAY(SELECT l.contact_id FROM deal_contacts l WHERE l.workspace_id = $1
      AND l.deal_id = "t"."id" ORDER BY l.position, l.contact_id) AS "__link_contactIds", ARRAY(SELECT l.tag_id FROM taggings l WHERE l.workspace_id = $2
      AND l.object = $3 AND l.record_id = "t"."id" ORDER BY l.position, l.tag_id) AS "__link_tagIds" FROM "deals" AS "t"
WHERE "t"."workspace_id" = $4
  AND "t"."deleted_at" IS NULL
  AND "t"."stage_id" = $5
  AND "t"."close_date" IS NOT NULL
ORDER BY "t"."close_date" ASC, "t"."id" ASC
LIMIT 51;

-- deals: one stage by close date (phase 2)
SELECT "t"."id", "t"."version", "t"."custom", "t"."deleted_at", "t"."deleted_by", "t"."created_at", "t"."updated_at", "t"."created_by", "t"."updated_by", "t"."owner_id", "t"."team_id", "t"."unit_id", "t"."name", "t"."amount", "t"."currency", "t"."pipeline_id", "t"."stage_id", "t"."status", "t"."probability", "t"."close_date", "t"."closed_at", "t"."stage_entered_at", "t"."lost_reason", "t"."source", "t"."description", "t"."company_id", "t"."last_activity_at", "t"."last_activity_type", "t"."next_task_at", "t"."next_task_id", "t"."close_date" AS "__k0", ARRAY(SELECT l.contact_id FROM deal_contacts l WHERE l.workspace_id = $1
      AND l.deal_id = "t"."id" ORDER BY l.position, l.contact_id) AS "__link_contactIds", ARRAY(SELECT l.tag_id FROM taggings l WHERE l.workspace_id = $2
      AND l.object = $3 AND l.record_id = "t"."id" ORDER BY l.position, l.tag_id) AS "__link_tagIds" FROM "deals" AS "t"
WHERE "t"."workspace_id" = $4
  AND "t"."deleted_at" IS NULL
  AND "t"."stage_id" = $5
  AND "t"."close_date" IS NULL
ORDER BY "t"."close_date" ASC, "t"."id" ASC
LIMIT 51;

-- timeline: company activities
SELECT a.id, a.type, a.subject, a.body, a.due_at, a.done_at, a.outcome, a.duration_minutes, a.location,
        a.owner_id, a.created_by, l.occurred_at, l.via_object, l.via_id, u.id AS actor_id, u.name AS actor_name
      FROM activity_links l
      JOIN activities a ON a.workspace_id = l.workspace_id AND a.id = l.activity_id
      LEFT JOIN users u ON u.workspace_id = a.workspace_id AND u.id = coalesce(a.created_by, a.owner_id)
      WHERE l.workspace_id = $1 AND l.object = $2 AND l.record_id = $3 AND a.deleted_at IS NULL
      ORDER BY l.occurred_at DESC, l.activity_id DESC
      LIMIT 51;

-- timeline: company history
SELECT h.id, h.object, h.record_id, h.kind, h.field, h.old_value, h.new_value, h.at, h.actor_id, u.name AS actor_name
      FROM record_history h
      LEFT JOIN users u ON u.workspace_id = h.workspace_id AND u.id = h.actor_id
      WHERE h.workspace_id = $1 AND h.company_id = $2 AND (h.object = $3 OR h.object = $4 OR h.object = $5 OR h.object = $6)
      ORDER BY h.at DESC, h.id DESC
      LIMIT 51;

-- timeline: company history (rep)
SELECT h.id, h.object, h.record_id, h.kind, h.field, h.old_value, h.new_value, h.at, h.actor_id, u.name AS actor_name
      FROM record_history h
      LEFT JOIN users u ON u.workspace_id = h.workspace_id AND u.id = h.actor_id
      WHERE h.workspace_id = $1 AND h.company_id = $2 AND (h.object = $3 OR h.object = $4 OR (h.object = $5 AND EXISTS (SELECT 1 FROM "deals" r
              WHERE r.workspace_id = h.workspace_id AND r.id = h.record_id AND "r"."owner_id" = $6 OFFSET 0)) OR (h.object = $7 AND EXISTS (SELECT 1 FROM "commitments" r
              WHERE r.workspace_id = h.workspace_id AND r.id = h.record_id AND "r"."owner_id" = $8 OFFSET 0))) AND NOT (h.object = $9 AND h.field IN ($10, $11)) AND NOT (h.object = $12 AND h.field IN ($13, $14))
      ORDER BY h.at DESC, h.id DESC
      LIMIT 51;
