-- How far each value can be trusted and where it was read (report-parser verification.ts).
-- amounts, expenditure_lines, indicators: verification (confirmed / unconfirmed / contradicted), anchor (block index
--   and, in a table, row and grid column) and bbox (page box in PDF points, PDF only); validation_findings: the values
--   a finding involves. Rows written before this migration are 'unconfirmed' without a place until they are re-parsed.
-- The analyst views gain verification (appended, so CREATE OR REPLACE keeps the columns before it):
--   report_overview.headline_verification maps each headline column (total_actual, basic_budget_initial, …) to the
--   verification of its figure; expenditure_by_function and indicator_results get the row's verification.
CREATE TYPE "value_verification" AS ENUM('confirmed', 'unconfirmed', 'contradicted');
--> statement-breakpoint
ALTER TABLE "amounts" ADD COLUMN "verification" "value_verification" DEFAULT 'unconfirmed' NOT NULL;
--> statement-breakpoint
ALTER TABLE "amounts" ADD COLUMN "anchor" jsonb;
--> statement-breakpoint
ALTER TABLE "amounts" ADD COLUMN "bbox" double precision[];
--> statement-breakpoint
ALTER TABLE "amounts" ADD CONSTRAINT "amounts_bbox_four" CHECK ("amounts"."bbox" IS NULL OR cardinality("amounts"."bbox") = 4);
--> statement-breakpoint
ALTER TABLE "expenditure_lines" ADD COLUMN "verification" "value_verification" DEFAULT 'unconfirmed' NOT NULL;
--> statement-breakpoint
ALTER TABLE "expenditure_lines" ADD COLUMN "anchor" jsonb;
--> statement-breakpoint
ALTER TABLE "expenditure_lines" ADD COLUMN "bbox" double precision[];
--> statement-breakpoint
ALTER TABLE "expenditure_lines" ADD CONSTRAINT "expenditure_lines_bbox_four" CHECK ("expenditure_lines"."bbox" IS NULL OR cardinality("expenditure_lines"."bbox") = 4);
--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "verification" "value_verification" DEFAULT 'unconfirmed' NOT NULL;
--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "anchor" jsonb;
--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "bbox" double precision[];
--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_bbox_four" CHECK ("indicators"."bbox" IS NULL OR cardinality("indicators"."bbox") = 4);
--> statement-breakpoint
ALTER TABLE "validation_findings" ADD COLUMN "values_involved" jsonb DEFAULT '[]'::jsonb NOT NULL;
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
  h.headline_verification
FROM "reports" r
JOIN "documents" d ON d.id = r.document_id
LEFT JOIN headline h ON h.report_id = r.id;;
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
JOIN "reports" r ON r.id = l.report_id
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
JOIN "reports" r ON r.id = i.report_id
LEFT JOIN LATERAL (
  SELECT a.indicator_key FROM "indicator_aliases" a
  WHERE strpos(i.level3, a.alias) > 0
  ORDER BY (right(i.level3, length(a.alias)) = a.alias) DESC, length(a.alias) DESC, a.alias
  LIMIT 1
) k ON true;
