/**
 * Identity of a document that is a self-evaluation form (项目支出绩效自评表,
 * 部门整体支出绩效自评表, 绩效目标自评表 …): its kind from the form's title, its
 * organisation from the form's own header cells — the unit that reports
 * (实施单位, 填报单位, 部门（单位）名称) before the 主管部门 beside it.
 */
import { DEPARTMENT_FORM, FORM_TITLE, INTERNAL_SECTION, ORGANISATION_ENDING, ORGANISATION_LABELS } from './form-vocabulary.ts';
import { selfEvaluationKind } from './specs/report-kinds.ts';
import { isTocEntry, normaliseText } from './text.ts';
import type { ReportKind } from './types.ts';

/** A numbered heading (一、 (二) 3.) is a section of a report, not a form's title. */
const NUMBERED = /^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+[、.])/;

/** The kind of report a form title names, or null when the line is not a form title. */
export function formTitleKind(text: string): ReportKind | null {
  const t = normaliseText(text);
  if (t.length < 4 || t.length > 60 || /[,。;:!?]/.test(t) || isTocEntry(text) || NUMBERED.test(t)) return null;
  if (!FORM_TITLE.test(t)) return null;
  return selfEvaluationKind(DEPARTMENT_FORM.test(t) ? 'department' : 'project');
}

/** A budget code printed before a unit's name in a form ([155]濉溪县民政局, 155-…). */
const BUDGET_CODE = /^(?:\[\d+\]|\(\d+\)|\d{3,}[-_\s]?)/;

function unitName(text: string): string | null {
  const t = text.replace(/\(盖章\)/g, '').replace(BUDGET_CODE, '').replace(/单位:.*$/, '').trim();
  return t.length >= 3 && ORGANISATION_ENDING.test(t) && !/[:,。]/.test(t) ? t : null;
}

/**
 * The organisation a form's header cells name: after the best-ranked label
 * (in the same cell "实施单位:…" or in the next cell), or null.
 */
export function organisationFromForm(lines: readonly string[]): string | null {
  return labelledUnits(lines)[0]?.name ?? null;
}

/**
 * The department a form's unit reports to: the name after a 主管部门 label, when
 * the form also names its own unit (实施单位 …) and the two differ.
 */
export function parentOrganisationFromForm(lines: readonly string[]): string | null {
  const units = labelledUnits(lines);
  const own = units.find((u) => u.rank === 0);
  const parent = units.find((u) => u.rank > 0);
  return own && parent && parent.name !== own.name ? parent.name : null;
}

/** Every unit named after a label of ORGANISATION_LABELS, best rank first (the first of each rank). */
function labelledUnits(lines: readonly string[]): { name: string; rank: number }[] {
  const found = new Map<number, string>();
  for (let i = 0; i < lines.length; i++) {
    for (const [re, rank] of ORGANISATION_LABELS) {
      const m = re.exec(lines[i]!);
      if (!m) continue;
      const rest = lines[i]!.slice(m[0].length);
      const name = unitName(rest) ?? (rest === '' ? unitName(lines[i + 1] ?? '') : null);
      // An internal section (规划股, 财务室) does not report on its own: the 主管部门 beside it does.
      if (name !== null && !found.has(rank) && !INTERNAL_SECTION.test(name)) found.set(rank, name);
      break;
    }
  }
  return [...found].sort((a, b) => a[0] - b[0]).map(([rank, name]) => ({ name, rank }));
}
