-- Reviewers' corrections (issue 29). A correction is a row of its own, never an edit of a parsed
-- row: it names its value by a stable identity (the publication's identity key + the value's key:
-- amount|item|phase|year, line|classification|code-or-path|phase|year, indicator|level1|level2|level3),
-- so it outlives `reparse` (which replaces the parsed rows) and applies to every file of the
-- publication. The newest correction of a value is the one in force; older ones stay as history.
-- The corrected_* views apply them on top of the parsed rows; the analyst views read those, so a
-- correction shows in report_overview and the others, and `export` reads the same views.
CREATE TYPE "public"."correction_action" AS ENUM('confirm', 'correct', 'mark_wrong', 'add');
--> statement-breakpoint
CREATE TYPE "public"."correction_target" AS ENUM('amount', 'line', 'indicator');
--> statement-breakpoint
CREATE TABLE "corrections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"publication_key" text NOT NULL,
	"target" "correction_target" NOT NULL,
	"value_key" text NOT NULL,
	"identity" jsonb NOT NULL,
	"action" "correction_action" NOT NULL,
	"old_value" jsonb,
	"new_value" jsonb,
	"note" text,
	"reviewer" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "corrections_value_idx" ON "corrections" USING btree ("publication_key","value_key","id");
--> statement-breakpoint
-- Every report with the key its corrections are filed under: its publication's identity key, or
-- (a report loaded before publications existed) its document and position.
CREATE VIEW "report_keys" AS
SELECT r.id AS report_id, coalesce(p.identity_key, 'document:' || d.sha256 || '#' || r.ordinal) AS publication_key
FROM "reports" r
JOIN "documents" d ON d.id = r.document_id
LEFT JOIN "publications" p ON p.id = r.publication_id;
--> statement-breakpoint
-- The parsed values under their stable keys (the same keys packages/review builds for a new correction).
CREATE VIEW "value_keys" AS
SELECT 'amount'::"correction_target" AS target, a.id AS value_id, a.report_id,
  'amount|' || a.item || '|' || a.phase || '|' || a.fiscal_year AS value_key
FROM "amounts" a
UNION ALL
SELECT 'line', l.id, l.report_id,
  'line|' || l.classification || '|' || coalesce(l.code, array_to_string(l.path, '/')) || '|' || l.phase || '|' || l.fiscal_year
FROM "expenditure_lines" l
UNION ALL
SELECT 'indicator', i.id, i.report_id,
  'indicator|' || coalesce(i.level1, '') || '|' || coalesce(i.level2, '') || '|' || i.level3
FROM "indicators" i;
--> statement-breakpoint
-- The correction in force for each value (the newest), and whether its target is gone. The corrected_*
-- views pick the newest the same way, per value through the (publication_key, value_key, id) index,
-- so reading a few reports' values reads only their corrections and never computes `orphaned`.
CREATE VIEW "current_corrections" AS
SELECT c.*,
  c.action <> 'add' AND NOT EXISTS (
    SELECT 1 FROM "value_keys" v JOIN "report_keys" k ON k.report_id = v.report_id
    WHERE k.publication_key = c.publication_key AND v.target = c.target AND v.value_key = c.value_key
  ) AS orphaned
FROM (
  SELECT DISTINCT ON (publication_key, value_key) * FROM "corrections" ORDER BY publication_key, value_key, id DESC
) c;
--> statement-breakpoint
-- report_id comes from report_keys (reports.id), so a filter on it reaches the reports' primary key first.
CREATE VIEW "corrected_amounts" AS
SELECT a.id, k.report_id, a.item,
  CASE WHEN c.action IN ('correct', 'add') THEN coalesce((c.new_value->>'phase')::"amount_phase", a.phase) ELSE a.phase END AS phase,
  CASE WHEN c.action IN ('correct', 'add') THEN coalesce((c.new_value->>'fiscal_year')::smallint, a.fiscal_year) ELSE a.fiscal_year END AS fiscal_year,
  CASE WHEN c.action IN ('correct', 'add') THEN coalesce((c.new_value->>'yuan')::numeric(20,2), a.yuan) ELSE a.yuan END AS yuan,
  a.alternatives, a.source_text, a.page,
  CASE c.action WHEN 'correct' THEN 'corrected' WHEN 'add' THEN 'corrected' WHEN 'confirm' THEN 'confirmed' ELSE a.verification::text END AS verification,
  a.anchor, a.bbox, a.confirmed_across_sources,
  'amount|' || a.item || '|' || a.phase || '|' || a.fiscal_year AS value_key,
  c.id AS correction_id,
  a.printed_reading
FROM "amounts" a
JOIN "report_keys" k ON k.report_id = a.report_id
LEFT JOIN LATERAL (
  SELECT * FROM "corrections" c WHERE c.publication_key = k.publication_key AND c.value_key = 'amount|' || a.item || '|' || a.phase || '|' || a.fiscal_year
  ORDER BY c.id DESC LIMIT 1
) c ON true
WHERE c.action IS DISTINCT FROM 'mark_wrong'
UNION ALL
SELECT NULL, k.report_id, (c.new_value->>'item')::"amount_item", (c.new_value->>'phase')::"amount_phase", (c.new_value->>'fiscal_year')::smallint,
  (c.new_value->>'yuan')::numeric(20,2), '[]'::jsonb, coalesce(c.note, ''), NULL, 'corrected', NULL, NULL, false, c.value_key, c.id, NULL
FROM "report_keys" k
JOIN LATERAL (
  SELECT DISTINCT ON (value_key) * FROM "corrections" c WHERE c.publication_key = k.publication_key AND c.target = 'amount' ORDER BY value_key, id DESC
) c ON c.action = 'add'
WHERE NOT EXISTS (
  SELECT 1 FROM "value_keys" v WHERE v.report_id = k.report_id AND v.target = 'amount' AND v.value_key = c.value_key
);
--> statement-breakpoint
CREATE VIEW "corrected_expenditure_lines" AS
SELECT l.id, k.report_id, l.ordinal, l.classification, l.path, l.code,
  CASE WHEN c.action IN ('correct', 'add') THEN coalesce((c.new_value->>'phase')::"amount_phase", l.phase) ELSE l.phase END AS phase,
  CASE WHEN c.action IN ('correct', 'add') THEN coalesce((c.new_value->>'fiscal_year')::smallint, l.fiscal_year) ELSE l.fiscal_year END AS fiscal_year,
  CASE WHEN c.action IN ('correct', 'add') AND c.new_value ? 'yuan' THEN (c.new_value->>'yuan')::numeric(20,2) ELSE l.yuan END AS yuan,
  l.budget_yuan, l.source_text, l.page,
  CASE c.action WHEN 'correct' THEN 'corrected' WHEN 'add' THEN 'corrected' WHEN 'confirm' THEN 'confirmed' ELSE l.verification::text END AS verification,
  l.anchor, l.bbox, l.confirmed_across_sources,
  'line|' || l.classification || '|' || coalesce(l.code, array_to_string(l.path, '/')) || '|' || l.phase || '|' || l.fiscal_year AS value_key,
  c.id AS correction_id,
  l.printed_reading
FROM "expenditure_lines" l
JOIN "report_keys" k ON k.report_id = l.report_id
LEFT JOIN LATERAL (
  SELECT * FROM "corrections" c WHERE c.publication_key = k.publication_key AND c.value_key = 'line|' || l.classification || '|' || coalesce(l.code, array_to_string(l.path, '/')) || '|' || l.phase || '|' || l.fiscal_year
  ORDER BY c.id DESC LIMIT 1
) c ON true
WHERE c.action IS DISTINCT FROM 'mark_wrong'
UNION ALL
SELECT NULL, k.report_id, 1000000 + c.id::integer, (c.new_value->>'classification')::"line_classification",
  ARRAY(SELECT jsonb_array_elements_text(c.new_value->'path')), c.new_value->>'code',
  (c.new_value->>'phase')::"amount_phase", (c.new_value->>'fiscal_year')::smallint, (c.new_value->>'yuan')::numeric(20,2), NULL,
  coalesce(c.note, ''), NULL, 'corrected', NULL, NULL, false, c.value_key, c.id, NULL
FROM "report_keys" k
JOIN LATERAL (
  SELECT DISTINCT ON (value_key) * FROM "corrections" c WHERE c.publication_key = k.publication_key AND c.target = 'line' ORDER BY value_key, id DESC
) c ON c.action = 'add'
WHERE NOT EXISTS (
  SELECT 1 FROM "value_keys" v WHERE v.report_id = k.report_id AND v.target = 'line' AND v.value_key = c.value_key
);
--> statement-breakpoint
CREATE VIEW "corrected_indicators" AS
SELECT i.id, k.report_id, i.ordinal, i.level1, i.level2, i.level3,
  i.target_raw, i.target_op, i.target_value, i.target_unit,
  CASE WHEN c.action IN ('correct', 'add') AND c.new_value ? 'actual_raw' THEN c.new_value->>'actual_raw' ELSE i.actual_raw END AS actual_raw,
  i.actual_op,
  CASE WHEN c.action IN ('correct', 'add') AND c.new_value ? 'actual_value' THEN (c.new_value->>'actual_value')::numeric ELSE i.actual_value END AS actual_value,
  CASE WHEN c.action IN ('correct', 'add') AND c.new_value ? 'actual_unit' THEN c.new_value->>'actual_unit' ELSE i.actual_unit END AS actual_unit,
  i.weight, i.score, i.note, i.page,
  CASE c.action WHEN 'correct' THEN 'corrected' WHEN 'add' THEN 'corrected' WHEN 'confirm' THEN 'confirmed' ELSE i.verification::text END AS verification,
  i.anchor, i.bbox, i.confirmed_across_sources,
  'indicator|' || coalesce(i.level1, '') || '|' || coalesce(i.level2, '') || '|' || i.level3 AS value_key,
  c.id AS correction_id,
  i.printed_reading
FROM "indicators" i
JOIN "report_keys" k ON k.report_id = i.report_id
LEFT JOIN LATERAL (
  SELECT * FROM "corrections" c WHERE c.publication_key = k.publication_key AND c.value_key = 'indicator|' || coalesce(i.level1, '') || '|' || coalesce(i.level2, '') || '|' || i.level3
  ORDER BY c.id DESC LIMIT 1
) c ON true
WHERE c.action IS DISTINCT FROM 'mark_wrong'
UNION ALL
SELECT NULL, k.report_id, 1000000 + c.id::integer, c.new_value->>'level1', c.new_value->>'level2', c.new_value->>'level3',
  NULL, NULL, NULL, NULL, c.new_value->>'actual_raw', NULL, (c.new_value->>'actual_value')::numeric, c.new_value->>'actual_unit',
  NULL, NULL, c.note, NULL, 'corrected', NULL, NULL, false, c.value_key, c.id, NULL
FROM "report_keys" k
JOIN LATERAL (
  SELECT DISTINCT ON (value_key) * FROM "corrections" c WHERE c.publication_key = k.publication_key AND c.target = 'indicator' ORDER BY value_key, id DESC
) c ON c.action = 'add'
WHERE NOT EXISTS (
  SELECT 1 FROM "value_keys" v WHERE v.report_id = k.report_id AND v.target = 'indicator' AND v.value_key = c.value_key
);
--> statement-breakpoint
-- The analyst views of 0008, reading the corrected values. Their verification columns become text
-- (a corrected value is 'corrected', which the parser's enum does not hold), hence DROP and CREATE.
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
  FROM "corrected_amounts" a
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
DROP VIEW "expenditure_by_function";
--> statement-breakpoint
CREATE VIEW "expenditure_by_function" AS
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
FROM "corrected_expenditure_lines" l
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
DROP VIEW "indicator_results";
--> statement-breakpoint
CREATE VIEW "indicator_results" AS
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
FROM "corrected_indicators" i
JOIN "canonical_reports" r ON r.id = i.report_id
LEFT JOIN LATERAL (
  SELECT a.indicator_key FROM "indicator_aliases" a
  WHERE strpos(i.level3, a.alias) > 0
  ORDER BY (right(i.level3, length(a.alias)) = a.alias) DESC, length(a.alias) DESC, a.alias
  LIMIT 1
) k ON true;
--> statement-breakpoint
CREATE OR REPLACE VIEW "organization_years" AS
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
LEFT JOIN "corrected_amounts" a ON a.report_id = r.id AND a.fiscal_year = r.fiscal_year
WHERE r.fiscal_year IS NOT NULL
GROUP BY o.id, o.canonical_name, o.region_code, r.fiscal_year;
