-- rep: "zhangwie"
-- parameters: ["% zhangwie %","zhangwie%","% zhangwie%","%zhangwie%","zhangwie","00000000-0000-7000-8000-000000000001","%zhangwie%","zhangwie",20,"% zhangwie %","zhangwie%","% zhangwie%","%zhangwie%","zhangwie","00000000-0000-7000-8000-000000000001","%zhangwie%","zhangwie",20,"% zhangwie %","zhangwie%","% zhangwie%","%zhangwie%","zhangwie","00000000-0000-7000-8000-000000000001","%zhangwie%","zhangwie","00000000-0000-7000-8000-0000000000aa",20,"% zhangwie %","zhangwie%","% zhangwie%","%zhangwie%","zhangwie","00000000-0000-7000-8000-000000000001","%zhangwie%","zhangwie","00000000-0000-7000-8000-0000000000aa",20,"% zhangwie %","zhangwie%","% zhangwie%","%zhangwie%","zhangwie","00000000-0000-7000-8000-000000000001","%zhangwie%","zhangwie","projects","00000000-0000-7000-8000-0000000000aa",20,20]
select "object", "id", "title", "subtitle", "score" from (select * from (select 'companies' as "object", "t"."id", "t"."name" as "title", coalesce(nullif("t"."domain", ''), nullif("t"."city", ''), nullif("t"."industry", '')) as "subtitle", round(((CASE
    WHEN (' ' || "t"."search_text" || ' ') LIKE $1 THEN 3
    WHEN "t"."search_text" LIKE $2 OR "t"."search_text" LIKE $3 THEN 2
    WHEN "t"."search_text" LIKE $4 OR false THEN 1
    ELSE 0 END + word_similarity($5, "t"."search_text")) / 4)::numeric, 4)::float8 as "score" from "companies" as "t" where "t"."workspace_id" = $6 and "t"."deleted_at" is null and ("t"."search_text" LIKE $7 OR $8 <% "t"."search_text") order by "score" desc, "t"."id" limit $9) as "a_companies" union all select * from (select 'contacts' as "object", "t"."id", coalesce(nullif("t"."name", ''), nullif("t"."email", ''), '') as "title", coalesce(nullif("t"."email", ''), nullif("t"."phone", ''), nullif("t"."title", '')) as "subtitle", round(((CASE
    WHEN (' ' || "t"."search_text" || ' ') LIKE $10 THEN 3
    WHEN "t"."search_text" LIKE $11 OR "t"."search_text" LIKE $12 THEN 2
    WHEN "t"."search_text" LIKE $13 OR false THEN 1
    ELSE 0 END + word_similarity($14, "t"."search_text")) / 4)::numeric, 4)::float8 as "score" from "contacts" as "t" where "t"."workspace_id" = $15 and "t"."deleted_at" is null and ("t"."search_text" LIKE $16 OR $17 <% "t"."search_text") order by "score" desc, "t"."id" limit $18) as "a_contacts" union all select * from (select 'leads' as "object", "t"."id", coalesce(nullif("t"."name", ''), nullif("t"."company_name", ''), nullif("t"."email", ''), '') as "title", coalesce(nullif("t"."company_name", ''), nullif("t"."email", ''), nullif("t"."phone", '')) as "subtitle", round(((CASE
    WHEN (' ' || "t"."search_text" || ' ') LIKE $19 THEN 3
    WHEN "t"."search_text" LIKE $20 OR "t"."search_text" LIKE $21 THEN 2
    WHEN "t"."search_text" LIKE $22 OR false THEN 1
    ELSE 0 END + word_similarity($23, "t"."search_text")) / 4)::numeric, 4)::float8 as "score" from "leads" as "t" where "t"."workspace_id" = $24 and "t"."deleted_at" is null and ("t"."search_text" LIKE $25 OR $26 <% "t"."search_text") and "t"."owner_id" = $27 order by "score" desc, "t"."id" limit $28) as "a_leads" union all select * from (select 'deals' as "object", "t"."id", "t"."name" as "title", coalesce(CASE WHEN "t"."amount" IS NOT NULL
          THEN "t"."amount"::text || ' ' || coalesce("t"."currency", '') END) as "subtitle", round(((CASE
    WHEN (' ' || "t"."search_text" || ' ') LIKE $29 THEN 3
    WHEN "t"."search_text" LIKE $30 OR "t"."search_text" LIKE $31 THEN 2
    WHEN "t"."search_text" LIKE $32 OR false THEN 1
    ELSE 0 END + word_similarity($33, "t"."search_text")) / 4)::numeric, 4)::float8 as "score" from "deals" as "t" where "t"."workspace_id" = $34 and "t"."deleted_at" is null and ("t"."search_text" LIKE $35 OR $36 <% "t"."search_text") and "t"."owner_id" = $37 order by "score" desc, "t"."id" limit $38) as "a_deals" union all select * from (select "t"."object", "t"."id", "t"."name" as "title", NULL::text as "subtitle", round(((CASE
    WHEN (' ' || "t"."search_text" || ' ') LIKE $39 THEN 3
    WHEN "t"."search_text" LIKE $40 OR "t"."search_text" LIKE $41 THEN 2
    WHEN "t"."search_text" LIKE $42 OR false THEN 1
    ELSE 0 END + word_similarity($43, "t"."search_text")) / 4)::numeric, 4)::float8 as "score" from "records" as "t" where "t"."workspace_id" = $44 and "t"."deleted_at" is null and ("t"."search_text" LIKE $45 OR $46 <% "t"."search_text") and ("t"."object" = $47 and "t"."owner_id" = $48) order by "score" desc, "t"."id" limit $49) as "a_records") as "hits" order by "score" desc, "title", "id" limit $50
