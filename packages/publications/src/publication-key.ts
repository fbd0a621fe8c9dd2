import { organizationKey, normaliseName, shortRegionName, type RegionNames } from './organization-key.ts';
import { TITLE_GENRE_WORDS, UNIT_SCOPE_WORDS } from './name-forms.ts';

/** What identifies a report across the files it was published in. */
export interface ReportIdentityInput {
  readonly kind: string;
  readonly title: string | null;
  readonly organization: string | null;
  readonly region: (RegionNames & { readonly code: string }) | null;
  readonly fiscal_year: number | null;
}

export interface PublicationIdentity {
  /** Equal for every file of one publication; null when the report says too little to be matched. */
  readonly key: string | null;
  readonly organizationKey: string | null;
  readonly scope: 'department' | 'unit';
  readonly project: string;
}

const PROJECT_KINDS = new Set(['project_performance_self_evaluation']);
const ACCOUNT_KINDS = new Set(['department_budget', 'department_final_accounts']);

/**
 * A report's identity: kind, region code, organisation key, fiscal year, and for a
 * budget or final accounts whether it is the unit's own (单位预算) or the department's,
 * for a project report the project. Without an organisation or a year nothing
 * identifies the report, and it stays a publication of its own.
 */
export function publicationIdentity(report: ReportIdentityInput): PublicationIdentity {
  const orgKey = organizationKey(report.organization, report.region);
  const title = report.title ? normaliseName(report.title) : '';
  const scope = ACCOUNT_KINDS.has(report.kind) && UNIT_SCOPE_WORDS.some((w) => title.includes(w)) ? 'unit' : 'department';
  const project = PROJECT_KINDS.has(report.kind) ? projectOf(title, report) : '';
  const key =
    orgKey && report.fiscal_year !== null
      ? [report.kind, scope, report.region?.code ?? '', orgKey, String(report.fiscal_year), project].join('|')
      : null;
  return { key, organizationKey: orgKey, scope, project };
}

/** The project a title names, once its year, region, organisation and genre words are gone. */
function projectOf(title: string, report: ReportIdentityInput): string {
  let s = title.replace(/(19|20)\d{2}\s*年?度?/gu, '');
  const names = [report.organization, report.region?.province, report.region?.city, report.region?.county]
    .filter((n): n is string => !!n)
    .map(normaliseName);
  const shorts = names.map(shortRegionName).filter((n): n is string => !!n);
  for (const n of [...names, ...shorts, ...TITLE_GENRE_WORDS].sort((a, b) => b.length - a.length)) s = s.split(n).join('');
  return s.replace(/[()（）《》〈〉\-—_·、,，:：]/gu, '');
}
