-- Fixes to the analyst views (same columns as before).
-- expenditure_by_function: a line printed without a code takes its 类 and 款 codes from the
--   coded line of the same 类 / 类+款 in the same report.
-- indicator_results: 成本指标 targets are ceilings (spending at most the target); the indicator_key
--   prefers an alias at the end of the indicator's name, where a Chinese noun phrase keeps its head
--   (…监管覆盖率 is a rate, not the count …监管).
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
  l.code, l.yuan, l.budget_yuan, l.page, l.source_text
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
  i.weight, i.score, i.note, i.page
FROM "indicators" i
JOIN "reports" r ON r.id = i.report_id
LEFT JOIN LATERAL (
  SELECT a.indicator_key FROM "indicator_aliases" a
  WHERE strpos(i.level3, a.alias) > 0
  ORDER BY (right(i.level3, length(a.alias)) = a.alias) DESC, length(a.alias) DESC, a.alias
  LIMIT 1
) k ON true;
