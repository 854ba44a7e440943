-- admin: "字节"
-- parameters: ["% 字节 %","字节%","% 字节%","%字节%","字节","00000000-0000-7000-8000-000000000001","字节%","% 字节%","%zijie%","%字节%",20,"% 字节 %","字节%","% 字节%","%字节%","字节","00000000-0000-7000-8000-000000000001","字节%","% 字节%","%zijie%","%字节%",20,"% 字节 %","字节%","% 字节%","%字节%","字节","00000000-0000-7000-8000-000000000001","字节%","% 字节%","%zijie%","%字节%",20,"% 字节 %","字节%","% 字节%","%字节%","字节","00000000-0000-7000-8000-000000000001","字节%","% 字节%","%zijie%","%字节%",20,"% 字节 %","字节%","% 字节%","%字节%","字节","00000000-0000-7000-8000-000000000001","字节%","% 字节%","%zijie%","%字节%","projects",20,20]
select "object", "id", "title", "subtitle", "score" from (select * from (select 'companies' as "object", "t"."id", "t"."name" as "title", coalesce(nullif("t"."domain", ''), nullif("t"."city", ''), nullif("t"."industry", '')) as "subtitle", round(((CASE
    WHEN (' ' || "t"."search_text" || ' ') LIKE $1 THEN 3
    WHEN "t"."search_text" LIKE $2 OR "t"."search_text" LIKE $3 THEN 2
    WHEN "t"."search_text" LIKE $4 OR false THEN 1
    ELSE 0 END + word_similarity($5, "t"."search_text")) / 4)::numeric, 4)::float8 as "score" from "companies" as "t" where "t"."workspace_id" = $6 and "t"."deleted_at" is null and (("t"."search_text" LIKE $7 OR "t"."search_text" LIKE $8 OR "t"."search_text" LIKE $9) AND "t"."search_text" LIKE $10) order by "score" desc, "t"."id" limit $11) as "a_companies" union all select * from (select 'contacts' as "object", "t"."id", coalesce(nullif("t"."name", ''), nullif("t"."email", ''), '') as "title", coalesce(nullif("t"."email", ''), nullif("t"."phone", ''), nullif("t"."title", '')) as "subtitle", round(((CASE
    WHEN (' ' || "t"."search_text" || ' ') LIKE $12 THEN 3
    WHEN "t"."search_text" LIKE $13 OR "t"."search_text" LIKE $14 THEN 2
    WHEN "t"."search_text" LIKE $15 OR false THEN 1
    ELSE 0 END + word_similarity($16, "t"."search_text")) / 4)::numeric, 4)::float8 as "score" from "contacts" as "t" where "t"."workspace_id" = $17 and "t"."deleted_at" is null and (("t"."search_text" LIKE $18 OR "t"."search_text" LIKE $19 OR "t"."search_text" LIKE $20) AND "t"."search_text" LIKE $21) order by "score" desc, "t"."id" limit $22) as "a_contacts" union all select * from (select 'leads' as "object", "t"."id", coalesce(nullif("t"."name", ''), nullif("t"."company_name", ''), nullif("t"."email", ''), '') as "title", coalesce(nullif("t"."company_name", ''), nullif("t"."email", ''), nullif("t"."phone", '')) as "subtitle", round(((CASE
    WHEN (' ' || "t"."search_text" || ' ') LIKE $23 THEN 3
    WHEN "t"."search_text" LIKE $24 OR "t"."search_text" LIKE $25 THEN 2
    WHEN "t"."search_text" LIKE $26 OR false THEN 1
    ELSE 0 END + word_similarity($27, "t"."search_text")) / 4)::numeric, 4)::float8 as "score" from "leads" as "t" where "t"."workspace_id" = $28 and "t"."deleted_at" is null and (("t"."search_text" LIKE $29 OR "t"."search_text" LIKE $30 OR "t"."search_text" LIKE $31) AND "t"."search_text" LIKE $32) order by "score" desc, "t"."id" limit $33) as "a_leads" union all select * from (select 'deals' as "object", "t"."id", "t"."name" as "title", coalesce(CASE WHEN "t"."amount" IS NOT NULL
          THEN "t"."amount"::text || ' ' || coalesce("t"."currency", '') END) as "subtitle", round(((CASE
    WHEN (' ' || "t"."search_text" || ' ') LIKE $34 THEN 3
    WHEN "t"."search_text" LIKE $35 OR "t"."search_text" LIKE $36 THEN 2
    WHEN "t"."search_text" LIKE $37 OR false THEN 1
    ELSE 0 END + word_similarity($38, "t"."search_text")) / 4)::numeric, 4)::float8 as "score" from "deals" as "t" where "t"."workspace_id" = $39 and "t"."deleted_at" is null and (("t"."search_text" LIKE $40 OR "t"."search_text" LIKE $41 OR "t"."search_text" LIKE $42) AND "t"."search_text" LIKE $43) order by "score" desc, "t"."id" limit $44) as "a_deals" union all select * from (select "t"."object", "t"."id", "t"."name" as "title", NULL::text as "subtitle", round(((CASE
    WHEN (' ' || "t"."search_text" || ' ') LIKE $45 THEN 3
    WHEN "t"."search_text" LIKE $46 OR "t"."search_text" LIKE $47 THEN 2
    WHEN "t"."search_text" LIKE $48 OR false THEN 1
    ELSE 0 END + word_similarity($49, "t"."search_text")) / 4)::numeric, 4)::float8 as "score" from "records" as "t" where "t"."workspace_id" = $50 and "t"."deleted_at" is null and (("t"."search_text" LIKE $51 OR "t"."search_text" LIKE $52 OR "t"."search_text" LIKE $53) AND "t"."search_text" LIKE $54) and "t"."object" = $55 order by "score" desc, "t"."id" limit $56) as "a_records") as "hits" order by "score" desc, "title", "id" limit $57
