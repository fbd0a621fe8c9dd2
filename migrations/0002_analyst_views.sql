-- Analyst views and the shipped indicator aliases. Hand-written (drizzle-kit --custom);
-- their COMMENT ON come from packages/db/src/schema-docs.ts like the tables'.
INSERT INTO "indicator_aliases" ("alias", "indicator_key", "description") VALUES
  ('参保率', 'insured_rate', '基本医疗保险参保率: insured persons / population, %'),
  ('参保人数', 'insured_persons', '参保人数: insured persons'),
  ('满意度', 'satisfaction_rate', '群众/服务对象满意度, %'),
  ('预算执行率', 'budget_execution_rate', '预算执行率: spent / budget, %'),
  ('资金到位率', 'funds_arrival_rate', '资金到位率, %'),
  ('拨付及时率', 'disbursement_timeliness_rate', '资金拨付及时率, %'),
  ('按时完成率', 'on_time_completion_rate', '按时完成率, %'),
  ('完成率', 'completion_rate', '任务完成率, %'),
  ('覆盖率', 'coverage_rate', '覆盖率, %'),
  ('监管覆盖率', 'supervision_coverage_rate', '定点医药机构监管覆盖率, %'),
  ('定点医院、定点诊所及药店监管', 'designated_institutions_supervised', '监管的定点医药机构数'),
  ('报销比例', 'reimbursement_ratio', '住院/门诊费用报销比例, %'),
  ('医疗救助', 'medical_assistance', '医疗救助人次或金额'),
  ('三公经费', 'three_public_expenditure', '“三公”经费控制'),
  ('执行期间', 'execution_period', '执行期间 (months)'),
  ('基本支出', 'basic_expenditure', '基本支出 (yuan)'),
  ('项目支出', 'project_expenditure', '项目支出 (yuan)')
ON CONFLICT ("alias") DO NOTHING;
--> statement-breakpoint
CREATE VIEW "report_overview" AS
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
    max(a.yuan) FILTER (WHERE a.item = 'three_public_expenditure' AND a.phase = 'actual') AS three_public_actual
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
  d.id AS document_id, d.file_name, d.source_url
FROM "reports" r
JOIN "documents" d ON d.id = r.document_id
LEFT JOIN headline h ON h.report_id = r.id;
--> statement-breakpoint
CREATE VIEW "expenditure_by_function" AS
SELECT l.id AS line_id, l.report_id, r.region_code, r.province, r.city, r.county, r.organization, r.kind,
  l.fiscal_year, l.phase,
  cardinality(l.path) AS level,
  CASE WHEN l.code IS NOT NULL THEN left(l.code, 3) END AS class_code,
  l.path[1] AS class_name,
  CASE WHEN length(l.code) >= 5 THEN left(l.code, 5) END AS section_code,
  l.path[2] AS section_name,
  CASE WHEN length(l.code) = 7 THEN l.code END AS item_code,
  l.path[3] AS item_name,
  l.code, l.yuan, l.budget_yuan, l.page, l.source_text
FROM "expenditure_lines" l
JOIN "reports" r ON r.id = l.report_id
WHERE l.classification = 'functional';
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
    ELSE i.actual_value >= i.target_value
  END AS met,
  i.weight, i.score, i.note, i.page
FROM "indicators" i
JOIN "reports" r ON r.id = i.report_id
LEFT JOIN LATERAL (
  SELECT a.indicator_key FROM "indicator_aliases" a
  WHERE strpos(i.level3, a.alias) > 0
  ORDER BY length(a.alias) DESC, a.alias
  LIMIT 1
) k ON true;
--> statement-breakpoint
CREATE VIEW "findings_by_region" AS
SELECT r.region_code, r.province, r.city, r.county, r.fiscal_year, f.rule, f.severity,
  count(*) AS findings, count(DISTINCT f.report_id) AS reports
FROM "validation_findings" f
JOIN "reports" r ON r.id = f.report_id
GROUP BY r.region_code, r.province, r.city, r.county, r.fiscal_year, f.rule, f.severity;
