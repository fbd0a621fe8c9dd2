-- Publications and organisations (issue 17). One report published as several files (PDF, DOCX,
-- its 附件 spreadsheet, a re-post) is one publication with several sources; the analyst views
-- count each publication once, through its canonical report. One unit across its spellings and
-- years is one organisation. Linking is done by the loader (packages/pipeline/src/link-publications.ts)
-- with the rules of packages/publications; reports loaded before this migration have no publication
-- and count as their own until `reparse` links them. The views are 0007's, reading canonical_reports.
CREATE TABLE "organizations" (
  "id" bigserial PRIMARY KEY,
  "region_code" char(6),
  "name_key" text NOT NULL,
  "canonical_name" text NOT NULL,
  "parent_id" bigint REFERENCES "organizations"("id") ON DELETE SET NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_region_key_uq" ON "organizations" (coalesce("region_code", ''), "name_key");
--> statement-breakpoint
CREATE TABLE "organization_aliases" (
  "organization_id" bigint NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
  "alias" text NOT NULL,
  "first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
  PRIMARY KEY ("organization_id", "alias")
);
--> statement-breakpoint
CREATE TABLE "publications" (
  "id" bigserial PRIMARY KEY,
  "identity_key" text NOT NULL UNIQUE,
  "kind" "report_kind" NOT NULL,
  "region_code" char(6),
  "organization_id" bigint REFERENCES "organizations"("id") ON DELETE SET NULL,
  "fiscal_year" smallint,
  "project" text,
  "canonical_report_id" bigint,
  "source_count" integer DEFAULT 0 NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "publication_id" bigint REFERENCES "publications"("id") ON DELETE SET NULL;
--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "organization_id" bigint REFERENCES "organizations"("id") ON DELETE SET NULL;
--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_canonical_report_fk" FOREIGN KEY ("canonical_report_id") REFERENCES "reports"("id") ON DELETE SET NULL;
--> statement-breakpoint
CREATE INDEX "reports_publication_idx" ON "reports" ("publication_id");
--> statement-breakpoint
ALTER TABLE "amounts" ADD COLUMN "confirmed_across_sources" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "expenditure_lines" ADD COLUMN "confirmed_across_sources" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "confirmed_across_sources" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
CREATE INDEX "reports_organization_idx" ON "reports" ("organization_id", "fiscal_year");
--> statement-breakpoint
-- The reports the analyst views count: one per publication (and every report not yet linked).
CREATE VIEW "canonical_reports" AS
SELECT r.*
FROM "reports" r
LEFT JOIN "publications" p ON p.id = r.publication_id
WHERE r.publication_id IS NULL OR p.canonical_report_id = r.id;
--> statement-breakpoint
CREATE OR REPLACE VIEW "report_overview" AS
WITH headline AS (
  SELECT a.report_id,
    max(a.yuan) FILTER (WHERE a.item = 'total_expenditure' AND a.phase = 'budget_initial') AS total_budget_initial,
    max(a.yuan) FILTER (WHERE a.item = 'total_expenditure' AND a.phase = 'budget_adjusted') AS total_budget_adjusted,
    max(a.yuan) FILTER (WHERE a.item = 'total_expenditure' AND a.phase = 'actual') AS total_actual,
    max(a.yuan) FILTER (WHERE a.item = 'basic_expenditure' AND a.phase = 'budget_initial') AS basic_budget_initial,
    max(a.yuan) FILTER (WHERE a.item = 'basic_expenditure' AND a.phase = 'budget_adjusted') AS basic_budget_adjusted,
    max(a.yuan) FILTER (WHERE a.item = 'basic_expenditure' AND a.phase = 'actual') AS basic_actual,
    max(a.yuan) FILTER (WHERE a.item = 'project_expenditure' AND a.phase = 'budget_initial') AS project_budget_initial,
    max(a.yuan) FILTER (WHERE a.item = 'project_expenditure' AND a.phase = 'budget_adjusted') AS project_budget_adjusted,
    max(a.yuan) FILTER (WHERE a.item = 'project_expenditure' AND a.phase = 'actual') AS project_actual,
    max(a.yuan) FILTER (WHERE a.item = 'personnel_expenditure' AND a.phase = 'budget_initial') AS personnel_budget_initial,
    max(a.yuan) FILTER (WHERE a.item = 'personnel_expenditure' AND a.phase = 'actual') AS personnel_actual,
    max(a.yuan) FILTER (WHERE a.item = 'public_expenditure' AND a.phase = 'budget_initial') AS public_budget_initial,
    max(a.yuan) FILTER (WHERE a.item = 'public_expenditure' AND a.phase = 'actual') AS public_actual,
    max(a.yuan) FILTER (WHERE a.item = 'three_public_expenditure' AND a.phase = 'budget_initial') AS three_public_budget_initial,
    max(a.yuan) FILTER (WHERE a.item = 'three_public_expenditure' AND a.phase = 'budget_adjusted') AS three_public_budget_adjusted,
    max(a.yuan) FILTER (WHERE a.item = 'three_public_expenditure' AND a.phase = 'actual') AS three_public_actual,
    jsonb_object_agg(
      CASE a.item WHEN 'total_expenditure' THEN 'total' WHEN 'basic_expenditure' THEN 'basic' WHEN 'project_expenditure' THEN 'project'
        WHEN 'personnel_expenditure' THEN 'personnel' WHEN 'public_expenditure' THEN 'public' ELSE 'three_public' END || '_' || a.phase,
      a.verification
    ) FILTER (WHERE a.item IN ('total_expenditure', 'basic_expenditure', 'project_expenditure', 'personnel_expenditure', 'public_expenditure', 'three_public_expenditure')) AS headline_verification
  FROM "amounts" a
  JOIN "reports" r ON r.id = a.report_id AND a.fiscal_year = r.fiscal_year
  GROUP BY a.report_id
)
SELECT r.id AS report_id, r.region_code, r.province, r.city, r.county, r.organization, r.kind, r.fiscal_year, r.title,
  r.self_evaluation_score, r.self_evaluation_rating,
  h.total_budget_initial, h.total_budget_adjusted, h.total_actual,
  h.basic_budget_initial, h.basic_budget_adjusted, h.basic_actual,
  h.project_budget_initial, h.project_budget_adjusted, h.project_actual,
  h.personnel_budget_initial, h.personnel_actual, h.public_budget_initial, h.public_actual,
  h.three_public_budget_initial, h.three_public_budget_adjusted, h.three_public_actual,
  round(h.total_actual * 100 / nullif(coalesce(h.total_budget_adjusted, h.total_budget_initial), 0), 2) AS execution_rate_pct,
  (SELECT count(*) FROM "validation_findings" f WHERE f.report_id = r.id) AS findings,
  d.id AS document_id, d.file_name, d.source_url,
  h.headline_verification,
  r.publication_id, r.organization_id, coalesce(p.source_count, 1) AS source_count
FROM "canonical_reports" r
JOIN "documents" d ON d.id = r.document_id
LEFT JOIN "publications" p ON p.id = r.publication_id
LEFT JOIN headline h ON h.report_id = r.id;
--> statement-breakpoint
CREATE OR REPLACE VIEW "expenditure_by_function" AS
SELECT l.id AS line_id, l.report_id, r.region_code, r.province, r.city, r.county, r.organization, r.kind,
  l.fiscal_year, l.phase,
  cardinality(l.path) AS level,
  coalesce(left(l.code, 3), cls.code) AS class_code,
  l.path[1] AS class_name,
  CASE WHEN length(l.code) >= 5 THEN left(l.code, 5) WHEN cardinality(l.path) >= 2 AND l.code IS NULL THEN sec.code END AS section_code,
  l.path[2] AS section_name,
  CASE WHEN length(l.code) = 7 THEN l.code END AS item_code,
  l.path[3] AS item_name,
  l.code, l.yuan, l.budget_yuan, l.page, l.source_text,
  l.verification
FROM "expenditure_lines" l
JOIN "canonical_reports" r ON r.id = l.report_id
LEFT JOIN LATERAL (
  SELECT left(p.code, 3) AS code FROM "expenditure_lines" p
  WHERE l.code IS NULL AND p.report_id = l.report_id AND p.classification = 'functional' AND p.code IS NOT NULL AND p.path[1] = l.path[1]
  ORDER BY length(p.code), p.id
  LIMIT 1
) cls ON true
LEFT JOIN LATERAL (
  SELECT left(p.code, 5) AS code FROM "expenditure_lines" p
  WHERE l.code IS NULL AND cardinality(l.path) >= 2 AND p.report_id = l.report_id AND p.classification = 'functional'
    AND length(p.code) >= 5 AND p.path[1:2] = l.path[1:2]
  ORDER BY length(p.code), p.id
  LIMIT 1
) sec ON true
WHERE l.classification = 'functional';
--> statement-breakpoint
CREATE OR REPLACE VIEW "indicator_results" AS
SELECT i.id AS indicator_id, i.report_id, r.region_code, r.province, r.city, r.county, r.organization, r.fiscal_year,
  i.level1, i.level2, i.level3,
  k.indicator_key,
  i.target_raw, i.target_op, i.target_value, i.target_unit,
  i.actual_raw, i.actual_value, i.actual_unit,
  i.actual_value - i.target_value AS gap,
  CASE
    WHEN i.target_value IS NULL OR i.actual_value IS NULL THEN NULL
    WHEN i.target_op = '<=' THEN i.actual_value <= i.target_value
    WHEN i.target_op = '<' THEN i.actual_value < i.target_value
    WHEN i.target_op = '>' THEN i.actual_value > i.target_value
    WHEN i.target_op = '=' THEN i.actual_value = i.target_value
    WHEN i.target_op IS NULL AND (i.level1 LIKE '%成本%' OR i.level2 LIKE '%成本%') THEN i.actual_value <= i.target_value
    ELSE i.actual_value >= i.target_value
  END AS met,
  i.weight, i.score, i.note, i.page,
  i.verification
FROM "indicators" i
JOIN "canonical_reports" r ON r.id = i.report_id
LEFT JOIN LATERAL (
  SELECT a.indicator_key FROM "indicator_aliases" a
  WHERE strpos(i.level3, a.alias) > 0
  ORDER BY (right(i.level3, length(a.alias)) = a.alias) DESC, length(a.alias) DESC, a.alias
  LIMIT 1
) k ON true;
--> statement-breakpoint
CREATE OR REPLACE VIEW "findings_by_region" AS
SELECT r.region_code, r.province, r.city, r.county, r.fiscal_year, f.rule, f.severity,
  count(*) AS findings, count(DISTINCT f.report_id) AS reports
FROM "validation_findings" f
JOIN "canonical_reports" r ON r.id = f.report_id
GROUP BY r.region_code, r.province, r.city, r.county, r.fiscal_year, f.rule, f.severity;
--> statement-breakpoint
-- One row per organisation and year: the headline figures of each kind of its publications.
CREATE VIEW "organization_years" AS
SELECT o.id AS organization_id, o.canonical_name AS organization, o.region_code, r.fiscal_year,
  count(DISTINCT r.id) AS reports,
  max(a.yuan) FILTER (WHERE r.kind = 'department_budget' AND a.item = 'total_expenditure' AND a.phase = 'budget_initial') AS budget_total_expenditure,
  max(a.yuan) FILTER (WHERE r.kind = 'department_budget' AND a.item = 'basic_expenditure' AND a.phase = 'budget_initial') AS budget_basic_expenditure,
  max(a.yuan) FILTER (WHERE r.kind = 'department_budget' AND a.item = 'project_expenditure' AND a.phase = 'budget_initial') AS budget_project_expenditure,
  max(a.yuan) FILTER (WHERE r.kind = 'department_budget' AND a.item = 'three_public_expenditure' AND a.phase = 'budget_initial') AS budget_three_public,
  max(a.yuan) FILTER (WHERE r.kind = 'department_final_accounts' AND a.item = 'total_expenditure' AND a.phase = 'actual') AS final_total_expenditure,
  max(a.yuan) FILTER (WHERE r.kind = 'department_final_accounts' AND a.item = 'basic_expenditure' AND a.phase = 'actual') AS final_basic_expenditure,
  max(a.yuan) FILTER (WHERE r.kind = 'department_final_accounts' AND a.item = 'project_expenditure' AND a.phase = 'actual') AS final_project_expenditure,
  max(a.yuan) FILTER (WHERE r.kind = 'department_final_accounts' AND a.item = 'three_public_expenditure' AND a.phase = 'actual') AS final_three_public,
  max(r.self_evaluation_score) FILTER (WHERE r.kind = 'department_performance_self_evaluation') AS self_evaluation_score
FROM "organizations" o
JOIN "canonical_reports" r ON r.organization_id = o.id
LEFT JOIN "amounts" a ON a.report_id = r.id AND a.fiscal_year = r.fiscal_year
WHERE r.fiscal_year IS NOT NULL
GROUP BY o.id, o.canonical_name, o.region_code, r.fiscal_year;
