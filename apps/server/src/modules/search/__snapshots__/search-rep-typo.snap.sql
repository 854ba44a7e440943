-- rep: "zhangwie"
-- parameters: ["% zhangwie %","zhangwie%","% zhangwie%","%zhangwie%","zhangwie","00000000-0000-7000-8000-000000000001","%zhangwie%","zhangwie",1000,20,"% zhangwie %","zhangwie%","% zhangwie%","%zhangwie%","zhangwie","00000000-0000-7000-8000-000000000001","%zhangwie%","zhangwie",1000,20,"% zhangwie %","zhangwie%","% zhangwie%","%zhangwie%","zhangwie","00000000-0000-7000-8000-000000000001","%zhangwie%","zhangwie","00000000-0000-7000-8000-0000000000aa",1000,20,"% zhangwie %","zhangwie%","% zhangwie%","%zhangwie%","zhangwie","00000000-0000-7000-8000-000000000001","%zhangwie%","zhangwie","00000000-0000-7000-8000-0000000000aa",1000,20,"% zhangwie %","zhangwie%","% zhangwie%","%zhangwie%","zhangwie","00000000-0000-7000-8000-000000000001","%zhangwie%","zhangwie","projects","00000000-0000-7000-8000-0000000000aa",1000,20,20]
select "object", "id", "title", "subtitle", "score" from (select * from (select 'companies' as "object", "t"."id", "t"."name" as "title", coalesce(nullif("t"."domain", ''), nullif("t"."city", ''), nullif("t"."industry", '')) as "subtitle", round(((CASE
    WHEN (' ' || "t"."search_text" || ' ') LIKE $1 THEN 3
    WHEN "t"."search_text" LIKE $2 OR "t"."search_text" LIKE $3 THEN 2
    WHEN "t"."search_text" LIKE $4 OR false THEN 1
    ELSE 0 END + word_similarity($5, "t"."search_text")) / 4)::numeric, 4)::float8 as "score" from (select "t".* from "companies" as "t" where "t"."workspace_id" = $6 and "t"."deleted_at" is null and ("t"."search_text" LIKE $7 OR $8 <% "t"."search_text") limit $9) as "t" order by "score" desc, "t"."id" limit $10) as "a_companies" union all select * from (select 'contacts' as "object", "t"."id", coalesce(nullif("t"."name", ''), nullif("t"."email", ''), '') as "title", coalesce(nullif("t"."email", ''), nullif("t"."phone", ''), nullif("t"."title", '')) as "subtitle", round(((CASE
    WHEN (' ' || "t"."search_text" || ' ') LIKE $11 THEN 3
    WHEN "t"."search_text" LIKE $12 OR "t"."search_text" LIKE $13 THEN 2
    WHEN "t"."search_text" LIKE $14 OR false THEN 1
    ELSE 0 END + word_similarity($15, "t"."search_text")) / 4)::numeric, 4)::float8 as "score" from (select "t".* from "contacts" as "t" where "t"."workspace_id" = $16 and "t"."deleted_at" is null and ("t"."search_text" LIKE $17 OR $18 <% "t"."search_text") limit $19) as "t" order by "score" desc, "t"."id" limit $20) as "a_contacts" union all select * from (select 'leads' as "object", "t"."id", coalesce(nullif("t"."name", ''), nullif("t"."company_name", ''), nullif("t"."email", ''), '') as "title", coalesce(nullif("t"."company_name", ''), nullif("t"."email", ''), nullif("t"."phone", '')) as "subtitle", round(((CASE
    WHEN (' ' || "t"."search_text" || ' ') LIKE $21 THEN 3
    WHEN "t"."search_text" LIKE $22 OR "t"."search_text" LIKE $23 THEN 2
    WHEN "t"."search_text" LIKE $24 OR false THEN 1
    ELSE 0 END + word_similarity($25, "t"."search_text")) / 4)::numeric, 4)::float8 as "score" from (select "t".* from "leads" as "t" where "t"."workspace_id" = $26 and "t"."deleted_at" is null and ("t"."search_text" LIKE $27 OR $28 <% "t"."search_text") and "t"."owner_id" = $29 limit $30) as "t" order by "score" desc, "t"."id" limit $31) as "a_leads" union all select * from (select 'deals' as "object", "t"."id", "t"."name" as "title", coalesce(CASE WHEN "t"."amount" IS NOT NULL
          THEN "t"."amount"::text || ' ' || coalesce("t"."currency", '') END) as "subtitle", round(((CASE
    WHEN (' ' || "t"."search_text" || ' ') LIKE $32 THEN 3
    WHEN "t"."search_text" LIKE $33 OR "t"."search_text" LIKE $34 THEN 2
    WHEN "t"."search_text" LIKE $35 OR false THEN 1
    ELSE 0 END + word_similarity($36, "t"."search_text")) / 4)::numeric, 4)::float8 as "score" from (select "t".* from "deals" as "t" where "t"."workspace_id" = $37 and "t"."deleted_at" is null and ("t"."search_text" LIKE $38 OR $39 <% "t"."search_text") and "t"."owner_id" = $40 limit $41) as "t" order by "score" desc, "t"."id" limit $42) as "a_deals" union all select * from (select "t"."object", "t"."id", "t"."name" as "title", NULL::text as "subtitle", round(((CASE
    WHEN (' ' || "t"."search_text" || ' ') LIKE $43 THEN 3
    WHEN "t"."search_text" LIKE $44 OR "t"."search_text" LIKE $45 THEN 2
    WHEN "t"."search_text" LIKE $46 OR false THEN 1
    ELSE 0 END + word_similarity($47, "t"."search_text")) / 4)::numeric, 4)::float8 as "score" from (select "t".* from "records" as "t" where "t"."workspace_id" = $48 and "t"."deleted_at" is null and ("t"."search_text" LIKE $49 OR $50 <% "t"."search_text") and ("t"."object" = $51 and "t"."owner_id" = $52) limit $53) as "t" order by "score" desc, "t"."id" limit $54) as "a_records") as "hits" order by "score" desc, "title", "id" limit $55
