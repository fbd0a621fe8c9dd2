-- Ten cross-county questions about budget disclosures, one query each, against the
-- analyst views (migrations/0002_analyst_views.sql) and the tables. Money is numeric(20,2)
-- in yuan and is compared and summed as numeric, never as float. Every query has a
-- deterministic ORDER BY on natural keys (never on surrogate ids, which depend on load order).
-- test/analyst-queries.test.ts runs each of them against the test corpus.

-- Q1: Which reports spent the smallest share of their budget? (execution rate, lowest first,
--     reports with actual spending but no total-expenditure budget come last with a null rate)
SELECT county, organization, kind, fiscal_year,
  coalesce(total_budget_adjusted, total_budget_initial) AS budget_yuan,
  total_actual AS actual_yuan,
  execution_rate_pct
FROM report_overview
WHERE total_actual IS NOT NULL
ORDER BY execution_rate_pct NULLS LAST, region_code, organization, kind, fiscal_year;

-- Q2: How is functional spending split by 类 (class_code) across regions and years?
--     (类 totals only, level = 1, so 款 and 项 lines are not counted twice)
SELECT class_code, class_name, region_code, county, fiscal_year, phase,
  sum(yuan) AS yuan, count(DISTINCT report_id)::int AS reports
FROM expenditure_by_function
WHERE level = 1
GROUP BY class_code, class_name, region_code, county, fiscal_year, phase
ORDER BY class_code, region_code, fiscal_year, phase;

-- Q3: Which indicators missed their target, and by how much?
--     (gap = result − target: negative for a floor missed, positive for a 成本指标 ceiling overrun)
SELECT county, organization, fiscal_year, level1, level3, indicator_key,
  target_raw, actual_raw, gap, weight, score, note
FROM indicator_results
WHERE met = false
ORDER BY gap, region_code, organization, fiscal_year, level3;

-- Q4: How do 参保率 (insured rate) targets compare with results across counties?
SELECT region_code, county, organization, fiscal_year, level3,
  target_value, actual_value, gap, met
FROM indicator_results
WHERE indicator_key = 'insured_rate'
ORDER BY region_code, fiscal_year, organization, level3;

-- Q5: How many reports contradict themselves, per validation rule, and where?
SELECT rule, severity,
  sum(reports)::int AS reports,
  sum(findings)::int AS findings,
  string_agg(DISTINCT county, ', ' ORDER BY county) AS counties
FROM findings_by_region
GROUP BY rule, severity
ORDER BY sum(reports) DESC, sum(findings) DESC, rule, severity;

-- Q6: What did each county spend (or budget) on the 三公 (three public) expenses?
SELECT r.county, r.organization, r.kind, a.fiscal_year, a.phase,
  max(a.yuan) FILTER (WHERE a.item = 'three_public_expenditure') AS three_public_yuan,
  max(a.yuan) FILTER (WHERE a.item = 'official_reception') AS reception_yuan,
  max(a.yuan) FILTER (WHERE a.item = 'official_vehicles') AS vehicles_yuan,
  max(a.yuan) FILTER (WHERE a.item = 'overseas_travel') AS overseas_yuan
FROM amounts a
JOIN reports r ON r.id = a.report_id
WHERE a.item IN ('three_public_expenditure', 'official_reception', 'official_vehicles', 'overseas_travel')
GROUP BY r.id, r.region_code, r.county, r.organization, r.kind, a.fiscal_year, a.phase
ORDER BY r.region_code, r.organization, r.kind, a.fiscal_year, a.phase;

-- Q7: What share of each report's spending is basic (基本支出) versus project (项目支出)?
--     (per phase where both are stated; unexplained_yuan = total − basic − project)
SELECT o.county, o.organization, o.kind, o.fiscal_year, v.phase,
  v.basic_yuan, v.project_yuan,
  round(v.basic_yuan * 100 / nullif(v.basic_yuan + v.project_yuan, 0), 2) AS basic_share_pct,
  v.total_yuan - v.basic_yuan - v.project_yuan AS unexplained_yuan
FROM report_overview o
CROSS JOIN LATERAL (VALUES
  ('budget_initial', o.basic_budget_initial, o.project_budget_initial, o.total_budget_initial),
  ('budget_adjusted', o.basic_budget_adjusted, o.project_budget_adjusted, o.total_budget_adjusted),
  ('actual', o.basic_actual, o.project_actual, o.total_actual)
) AS v(phase, basic_yuan, project_yuan, total_yuan)
WHERE v.basic_yuan IS NOT NULL AND v.project_yuan IS NOT NULL
ORDER BY o.region_code, o.organization, o.kind, o.fiscal_year, v.phase;

-- Q8: Which documents failed or yielded no report, and why? (every document, problems first)
SELECT d.file_name, d.format, d.status, d.error_code, d.error_message,
  count(r.id)::int AS reports
FROM documents d
LEFT JOIN reports r ON r.document_id = d.id
GROUP BY d.id, d.file_name, d.format, d.status, d.error_code, d.error_message
ORDER BY (d.status = 'parsed' AND count(r.id) > 0), d.status, d.file_name, d.sha256;

-- Q9: How many reports of each kind does each region have, and for which years?
-- (canonical_reports: a report published as a PDF and a Word file counts once)
SELECT region_code, province, city, county, kind,
  count(*)::int AS reports, min(fiscal_year) AS first_year, max(fiscal_year) AS last_year
FROM canonical_reports
GROUP BY region_code, province, city, county, kind
ORDER BY region_code, kind;

-- Q10: What are the ten largest 项-level functional spending lines?
SELECT county, organization, fiscal_year, phase, item_code,
  class_name, section_name, item_name, yuan
FROM expenditure_by_function
WHERE level = 3 AND yuan IS NOT NULL
ORDER BY yuan DESC, region_code, organization, fiscal_year, phase, code, item_name
LIMIT 10;

-- Q11: How did each department's “三公”, basic and project expenditure change from year to year, and does the change match the previous year's figure its report restates?
-- One series per organisation (all spellings of its name, organizations), kind and item: budgets
-- with budgets (年初预算), final accounts with final accounts (决算). change_recomputed compares
-- with the previous year's own report; change_stated with the previous-year figure this year's
-- report prints; restated is true where the two previous-year figures differ.
WITH figures AS (
  SELECT r.organization_id, r.kind, r.fiscal_year, a.item,
    max(a.yuan) FILTER (WHERE a.fiscal_year = r.fiscal_year) AS yuan,
    max(a.yuan) FILTER (WHERE a.fiscal_year = r.fiscal_year - 1) AS stated_previous
  FROM canonical_reports r
  JOIN amounts a ON a.report_id = r.id
  WHERE r.organization_id IS NOT NULL
    AND r.kind IN ('department_budget', 'department_final_accounts')
    AND a.item IN ('three_public_expenditure', 'basic_expenditure', 'project_expenditure')
    AND a.phase = CASE WHEN r.kind = 'department_budget' THEN 'budget_initial' ELSE 'actual' END::amount_phase
  GROUP BY r.organization_id, r.kind, r.fiscal_year, a.item
),
series AS (
  SELECT f.*,
    lag(f.yuan) OVER w AS previous_yuan,
    lag(f.fiscal_year) OVER w AS previous_year
  FROM figures f
  WINDOW w AS (PARTITION BY f.organization_id, f.kind, f.item ORDER BY f.fiscal_year)
)
SELECT o.canonical_name AS organization, o.region_code, s.kind, s.item, s.fiscal_year, s.yuan,
  CASE WHEN s.previous_year = s.fiscal_year - 1 THEN s.previous_yuan END AS previous_report_yuan,
  s.stated_previous,
  CASE WHEN s.previous_year = s.fiscal_year - 1 THEN s.yuan - s.previous_yuan END AS change_recomputed,
  s.yuan - s.stated_previous AS change_stated,
  CASE WHEN s.previous_year = s.fiscal_year - 1 AND s.stated_previous IS NOT NULL THEN s.previous_yuan <> s.stated_previous END AS restated
FROM series s
JOIN organizations o ON o.id = s.organization_id
WHERE s.yuan IS NOT NULL
ORDER BY o.region_code, o.canonical_name, s.kind, s.item, s.fiscal_year;
