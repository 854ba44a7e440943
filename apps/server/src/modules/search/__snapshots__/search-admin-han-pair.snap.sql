-- admin: "字节"
-- parameters: ["% 字节 %","字节%","% 字节%","%字节%","字节","00000000-0000-7000-8000-000000000001","字节%","% 字节%","%zijie%","%字节%",1000,20,"% 字节 %","字节%","% 字节%","%字节%","字节","00000000-0000-7000-8000-000000000001","字节%","% 字节%","%zijie%","%字节%",1000,20,"% 字节 %","字节%","% 字节%","%字节%","字节","00000000-0000-7000-8000-000000000001","字节%","% 字节%","%zijie%","%字节%",1000,20,"% 字节 %","字节%","% 字节%","%字节%","字节","00000000-0000-7000-8000-000000000001","字节%","% 字节%","%zijie%","%字节%",1000,20,"% 字节 %","字节%","% 字节%","%字节%","字节","00000000-0000-7000-8000-000000000001","字节%","% 字节%","%zijie%","%字节%","projects",1000,20,20]
select "object", "id", "title", "subtitle", "score" from (select * from (select 'companies' as "object", "t"."id", "t"."name" as "title", coalesce(nullif("t"."domain", ''), nullif("t"."city", ''), nullif("t"."industry", '')) as "subtitle", round(((CASE
    WHEN (' ' || "t"."search_text" || ' ') LIKE $1 THEN 3
    WHEN "t"."search_text" LIKE $2 OR "t"."search_text" LIKE $3 THEN 2
    WHEN "t"."search_text" LIKE $4 OR false THEN 1
    ELSE 0 END + word_similarity($5, "t"."search_text")) / 4)::numeric, 4)::float8 as "score" from (select "t".* from "companies" as "t" where "t"."workspace_id" = $6 and "t"."deleted_at" is null and (("t"."search_text" LIKE $7 OR "t"."search_text" LIKE $8 OR "t"."search_text" LIKE $9) AND "t"."search_text" LIKE $10) limit $11) as "t" order by "score" desc, "t"."id" limit $12) as "a_companies" union all select * from (select 'contacts' as "object", "t"."id", coalesce(nullif("t"."name", ''), nullif("t"."email", ''), '') as "title", coalesce(nullif("t"."email", ''), nullif("t"."phone", ''), nullif("t"."title", '')) as "subtitle", round(((CASE
    WHEN (' ' || "t"."search_text" || ' ') LIKE $13 THEN 3
    WHEN "t"."search_text" LIKE $14 OR "t"."search_text" LIKE $15 THEN 2
    WHEN "t"."search_text" LIKE $16 OR false THEN 1
    ELSE 0 END + word_similarity($17, "t"."search_text")) / 4)::numeric, 4)::float8 as "score" from (select "t".* from "contacts" as "t" where "t"."workspace_id" = $18 and "t"."deleted_at" is null and (("t"."search_text" LIKE $19 OR "t"."search_text" LIKE $20 OR "t"."search_text" LIKE $21) AND "t"."search_text" LIKE $22) limit $23) as "t" order by "score" desc, "t"."id" limit $24) as "a_contacts" union all select * from (select 'leads' as "object", "t"."id", coalesce(nullif("t"."name", ''), nullif("t"."company_name", ''), nullif("t"."email", ''), '') as "title", coalesce(nullif("t"."company_name", ''), nullif("t"."email", ''), nullif("t"."phone", '')) as "subtitle", round(((CASE
    WHEN (' ' || "t"."search_text" || ' ') LIKE $25 THEN 3
    WHEN "t"."search_text" LIKE $26 OR "t"."search_text" LIKE $27 THEN 2
    WHEN "t"."search_text" LIKE $28 OR false THEN 1
    ELSE 0 END + word_similarity($29, "t"."search_text")) / 4)::numeric, 4)::float8 as "score" from (select "t".* from "leads" as "t" where "t"."workspace_id" = $30 and "t"."deleted_at" is null and (("t"."search_text" LIKE $31 OR "t"."search_text" LIKE $32 OR "t"."search_text" LIKE $33) AND "t"."search_text" LIKE $34) limit $35) as "t" order by "score" desc, "t"."id" limit $36) as "a_leads" union all select * from (select 'deals' as "object", "t"."id", "t"."name" as "title", coalesce(CASE WHEN "t"."amount" IS NOT NULL
          THEN "t"."amount"::text || ' ' || coalesce("t"."currency", '') END) as "subtitle", round(((CASE
    WHEN (' ' || "t"."search_text" || ' ') LIKE $37 THEN 3
    WHEN "t"."search_text" LIKE $38 OR "t"."search_text" LIKE $39 THEN 2
    WHEN "t"."search_text" LIKE $40 OR false THEN 1
    ELSE 0 END + word_similarity($41, "t"."search_text")) / 4)::numeric, 4)::float8 as "score" from (select "t".* from "deals" as "t" where "t"."workspace_id" = $42 and "t"."deleted_at" is null and (("t"."search_text" LIKE $43 OR "t"."search_text" LIKE $44 OR "t"."search_text" LIKE $45) AND "t"."search_text" LIKE $46) limit $47) as "t" order by "score" desc, "t"."id" limit $48) as "a_deals" union all select * from (select "t"."object", "t"."id", "t"."name" as "title", NULL::text as "subtitle", round(((CASE
    WHEN (' ' || "t"."search_text" || ' ') LIKE $49 THEN 3
    WHEN "t"."search_text" LIKE $50 OR "t"."search_text" LIKE $51 THEN 2
    WHEN "t"."search_text" LIKE $52 OR false THEN 1
    ELSE 0 END + word_similarity($53, "t"."search_text")) / 4)::numeric, 4)::float8 as "score" from (select "t".* from "records" as "t" where "t"."workspace_id" = $54 and "t"."deleted_at" is null and (("t"."search_text" LIKE $55 OR "t"."search_text" LIKE $56 OR "t"."search_text" LIKE $57) AND "t"."search_text" LIKE $58) and "t"."object" = $59 limit $60) as "t" order by "score" desc, "t"."id" limit $61) as "a_records") as "hits" order by "score" desc, "title", "id" limit $62
