import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  char,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  pgView,
  type PgTableExtraConfigValue,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { DocumentModel, ExtractionWarning } from '@budget-ingest/doc-model';
import { AMOUNT_ITEMS, CLASSIFICATIONS, OPS, PHASES, REPORT_KINDS, VERIFICATIONS } from '@budget-ingest/contract';

/*
 * The analysts' schema. Conventions:
 * - money is numeric(20,2) in yuan; other extracted numbers are unconstrained
 *   numeric (drizzle returns both as strings, so no float ever touches them);
 * - every extracted row keeps page + source_text for provenance;
 * - unique keys make re-ingestion idempotent (documents.sha256, one report per
 *   (document, ordinal), one amount per (report, item, phase, fiscal_year));
 * - child rows cascade from documents, so re-parsing replaces them atomically.
 * Column and table descriptions live in schema-docs.ts and become COMMENT ON.
 */

const yuan = (name: string) => numeric(name, { precision: 20, scale: 2 });
/** Where a value was read (report-parser's Anchor): block index and, in a table, row and grid column. */
export interface ValueAnchor {
  readonly block: number;
  readonly row?: number;
  readonly cell?: number;
}
/** How far a value can be trusted, and where it was read: the same three columns on amounts, lines and indicators. */
const traced = () => ({
  verification: valueVerification('verification').notNull().default('unconfirmed'),
  anchor: jsonb('anchor').$type<ValueAnchor>(),
  bbox: doublePrecision('bbox').array(),
  confirmedAcrossSources: boolean('confirmed_across_sources').notNull().default(false),
  printedReading: text('printed_reading'),
});
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const documentStatus = pgEnum('document_status', ['pending', 'extracted', 'parsed', 'failed', 'needs_ocr', 'unsupported', 'out_of_scope']);
export const documentFormat = pgEnum('document_format', ['pdf', 'docx', 'doc', 'xlsx', 'xls', 'wps', 'unknown']);
// The contract's vocabularies (GOLD.md) are defined once, beside the parser's output types.
export const reportKind = pgEnum('report_kind', REPORT_KINDS);
export const amountItem = pgEnum('amount_item', AMOUNT_ITEMS);
export const amountPhase = pgEnum('amount_phase', PHASES);
export const lineClassification = pgEnum('line_classification', CLASSIFICATIONS);
export const comparisonOp = pgEnum('comparison_op', OPS);
export const valueVerification = pgEnum('value_verification', VERIFICATIONS);
export const findingSeverity = pgEnum('finding_severity', ['error', 'warning', 'info']);
export const crawlRunStatus = pgEnum('crawl_run_status', ['running', 'succeeded', 'failed', 'blocked', 'partial']);
export const fetchStatus = pgEnum('fetch_status', ['fetched', 'not_modified', 'skipped', 'failed', 'blocked']);

export const sources = pgTable('sources', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull().unique(),
  regionCode: char('region_code', { length: 6 }),
  baseUrl: text('base_url'),
  config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
  enabled: boolean('enabled').notNull().default(true),
  blockedSince: timestamp('blocked_since', { withTimezone: true }),
  blockedCheckedAt: timestamp('blocked_checked_at', { withTimezone: true }),
  blockedEvidence: text('blocked_evidence'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const documents = pgTable(
  'documents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sha256: char('sha256', { length: 64 }).notNull().unique(),
    fileName: text('file_name').notNull(),
    sourceUrl: text('source_url'),
    sourceId: bigint('source_id', { mode: 'number' }).references(() => sources.id, { onDelete: 'set null' }),
    format: documentFormat('format').notNull(),
    mediaType: text('media_type'),
    byteSize: bigint('byte_size', { mode: 'number' }).notNull(),
    pageCount: integer('page_count'),
    status: documentStatus('status').notNull().default('pending'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    blobKey: text('blob_key'),
    extractorVersion: text('extractor_version'),
    parserVersion: text('parser_version'),
    extractMs: integer('extract_ms'),
    parseMs: integer('parse_ms'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    extractedAt: timestamp('extracted_at', { withTimezone: true }),
    parsedAt: timestamp('parsed_at', { withTimezone: true }),
    // What the portal said about a crawled file: evidence of what the document is.
    entryTitle: text('entry_title'),
    entryDate: date('entry_date', { mode: 'string' }),
    detailUrl: text('detail_url'),
    containerUrl: text('container_url'),
  },
  (t) => [index('documents_status_idx').on(t.status), check('documents_byte_size_nonneg', sql`${t.byteSize} >= 0`)],
);

export const documentContents = pgTable('document_contents', {
  documentId: bigint('document_id', { mode: 'number' })
    .primaryKey()
    .references(() => documents.id, { onDelete: 'cascade' }),
  modelVersion: smallint('model_version').notNull(),
  model: jsonb('model').$type<DocumentModel>().notNull(),
  plainText: text('plain_text').notNull(),
  warnings: jsonb('warnings').$type<readonly ExtractionWarning[]>().notNull().default([]),
  createdAt: createdAt(),
});

export const reports = pgTable(
  'reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    documentId: bigint('document_id', { mode: 'number' })
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    ordinal: smallint('ordinal').notNull(),
    kind: reportKind('kind').notNull(),
    title: text('title'),
    organization: text('organization'),
    regionCode: char('region_code', { length: 6 }),
    province: text('province'),
    city: text('city'),
    county: text('county'),
    fiscalYear: smallint('fiscal_year'),
    publishedOn: date('published_on', { mode: 'string' }),
    documentNumber: text('document_number'),
    selfEvaluationScore: numeric('self_evaluation_score'),
    selfEvaluationRating: text('self_evaluation_rating'),
    pageStart: integer('page_start'),
    pageEnd: integer('page_end'),
    createdAt: createdAt(),
    publicationId: bigint('publication_id', { mode: 'number' }),
    organizationId: bigint('organization_id', { mode: 'number' }),
  },
  // Annotated: reports and publications reference each other, so TypeScript cannot infer this return type.
  (t): PgTableExtraConfigValue[] => [
    // Named as migration 0008 (hand-written) created them in the database.
    foreignKey({ name: 'reports_publication_id_fkey', columns: [t.publicationId], foreignColumns: [publications.id] }).onDelete('set null'),
    foreignKey({ name: 'reports_organization_id_fkey', columns: [t.organizationId], foreignColumns: [organizations.id] }).onDelete('set null'),
    uniqueIndex('reports_document_ordinal_uq').on(t.documentId, t.ordinal),
    index('reports_publication_idx').on(t.publicationId),
    index('reports_organization_idx').on(t.organizationId, t.fiscalYear),
    index('reports_region_year_idx').on(t.regionCode, t.fiscalYear),
    index('reports_kind_year_idx').on(t.kind, t.fiscalYear),
  ],
);

export const amounts = pgTable(
  'amounts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: bigint('report_id', { mode: 'number' })
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    item: amountItem('item').notNull(),
    phase: amountPhase('phase').notNull(),
    fiscalYear: smallint('fiscal_year').notNull(),
    yuan: yuan('yuan').notNull(),
    alternatives: jsonb('alternatives').$type<readonly string[]>().notNull().default([]),
    sourceText: text('source_text').notNull(),
    page: integer('page'),
    ...traced(),
  },
  (t) => [uniqueIndex('amounts_report_item_phase_year_uq').on(t.reportId, t.item, t.phase, t.fiscalYear), check('amounts_bbox_four', sql`${t.bbox} IS NULL OR cardinality(${t.bbox}) = 4`)],
);

export const expenditureLines = pgTable(
  'expenditure_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: bigint('report_id', { mode: 'number' })
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    classification: lineClassification('classification').notNull(),
    path: text('path').array().notNull(),
    code: text('code'),
    phase: amountPhase('phase').notNull(),
    fiscalYear: smallint('fiscal_year').notNull(),
    yuan: yuan('yuan'),
    budgetYuan: yuan('budget_yuan'),
    sourceText: text('source_text').notNull(),
    page: integer('page'),
    ...traced(),
  },
  (t) => [
    uniqueIndex('expenditure_lines_report_ordinal_uq').on(t.reportId, t.ordinal),
    index('expenditure_lines_code_idx').on(t.code),
    check('expenditure_lines_code_digits', sql`${t.code} IS NULL OR ${t.code} ~ '^[0-9]{3,7}$'`),
    check('expenditure_lines_bbox_four', sql`${t.bbox} IS NULL OR cardinality(${t.bbox}) = 4`),
  ],
);

export const indicators = pgTable(
  'indicators',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: bigint('report_id', { mode: 'number' })
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    level1: text('level1'),
    level2: text('level2'),
    level3: text('level3').notNull(),
    targetRaw: text('target_raw'),
    targetOp: comparisonOp('target_op'),
    targetValue: numeric('target_value'),
    targetUnit: text('target_unit'),
    actualRaw: text('actual_raw'),
    actualOp: comparisonOp('actual_op'),
    actualValue: numeric('actual_value'),
    actualUnit: text('actual_unit'),
    weight: numeric('weight'),
    score: numeric('score'),
    note: text('note'),
    page: integer('page'),
    ...traced(),
  },
  (t) => [uniqueIndex('indicators_report_ordinal_uq').on(t.reportId, t.ordinal), check('indicators_bbox_four', sql`${t.bbox} IS NULL OR cardinality(${t.bbox}) = 4`)],
);

export const validationFindings = pgTable(
  'validation_findings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: bigint('report_id', { mode: 'number' })
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    rule: text('rule').notNull(),
    severity: findingSeverity('severity').notNull(),
    message: text('message').notNull(),
    expected: text('expected'),
    actual: text('actual'),
    pages: integer('pages').array().notNull().default(sql`'{}'::integer[]`),
    createdAt: createdAt(),
    valuesInvolved: jsonb('values_involved').$type<readonly { readonly anchor: ValueAnchor; readonly yuan: string | null }[]>().notNull().default([]),
  },
  (t) => [index('validation_findings_report_idx').on(t.reportId), index('validation_findings_rule_idx').on(t.rule)],
);

/**
 * Problems reading a document, not contradictions in it (report-parser's
 * ParseWarning: a table without a stated unit, a header without money
 * columns, no report title): one row each, replaced whenever the document is parsed.
 */
export const parseWarnings = pgTable(
  'parse_warnings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    documentId: bigint('document_id', { mode: 'number' })
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    message: text('message').notNull(),
    page: integer('page'),
    box: doublePrecision('box').array(),
    createdAt: createdAt(),
  },
  (t) => [index('parse_warnings_document_idx').on(t.documentId), check('parse_warnings_box_four', sql`${t.box} IS NULL OR cardinality(${t.box}) = 4`)],
);

/**
 * Names under which the same indicator appears across counties
 * ("城乡居民基本医保参保率", "基本医疗保险参保率", "参保率"): an indicator whose
 * 三级指标 contains `alias` gets `indicator_key` (the longest alias wins).
 * Shipped with common keys; analysts add rows for their own questions.
 */
export const indicatorAliases = pgTable('indicator_aliases', {
  alias: text('alias').primaryKey(),
  indicatorKey: text('indicator_key').notNull(),
  description: text('description'),
});

/**
 * One unit across its spellings and years (县医保局 = 芦淞区医疗保障局): keyed by region and
 * the name key of packages/publications, so an ambiguous name is never merged by guess.
 */
export const organizations = pgTable(
  'organizations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionCode: char('region_code', { length: 6 }),
    nameKey: text('name_key').notNull(),
    canonicalName: text('canonical_name').notNull(),
    parentId: bigint('parent_id', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('organizations_region_key_uq').on(sql`coalesce(${t.regionCode}, '')`, t.nameKey),
    foreignKey({ name: 'organizations_parent_id_fkey', columns: [t.parentId], foreignColumns: [t.id] }).onDelete('set null'),
  ],
);

export const organizationAliases = pgTable(
  'organization_aliases',
  {
    organizationId: bigint('organization_id', { mode: 'number' }).notNull(),
    alias: text('alias').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'organization_aliases_pkey', columns: [t.organizationId, t.alias] }),
    foreignKey({ name: 'organization_aliases_organization_id_fkey', columns: [t.organizationId], foreignColumns: [organizations.id] }).onDelete('cascade'),
  ],
);

/** One report, whatever files it was published in; its canonical report is the one the views count. */
export const publications = pgTable(
  'publications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    identityKey: text('identity_key').notNull().unique('publications_identity_key_key'),
    kind: reportKind('kind').notNull(),
    regionCode: char('region_code', { length: 6 }),
    organizationId: bigint('organization_id', { mode: 'number' }),
    fiscalYear: smallint('fiscal_year'),
    project: text('project'),
    canonicalReportId: bigint('canonical_report_id', { mode: 'number' }),
    sourceCount: integer('source_count').notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t): PgTableExtraConfigValue[] => [
    // Named as migration 0008 (hand-written) created them in the database.
    foreignKey({ name: 'publications_organization_id_fkey', columns: [t.organizationId], foreignColumns: [organizations.id] }).onDelete('set null'),
    foreignKey({ name: 'publications_canonical_report_fk', columns: [t.canonicalReportId], foreignColumns: [reports.id] }).onDelete('set null'),
  ],
);

export const crawlRuns = pgTable('crawl_runs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  sourceId: bigint('source_id', { mode: 'number' })
    .notNull()
    .references(() => sources.id, { onDelete: 'cascade' }),
  status: crawlRunStatus('status').notNull().default('running'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  pagesFetched: integer('pages_fetched').notNull().default(0),
  newFiles: integer('new_files').notNull().default(0),
  unchanged: integer('unchanged').notNull().default(0),
  errors: integer('errors').notNull().default(0),
  blocked: integer('blocked').notNull().default(0),
  durationMs: integer('duration_ms'),
  message: text('message'),
});

export const fetchedUrls = pgTable(
  'fetched_urls',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sourceId: bigint('source_id', { mode: 'number' }).references(() => sources.id, { onDelete: 'cascade' }),
    url: text('url').notNull().unique(),
    status: fetchStatus('status').notNull(),
    httpStatus: smallint('http_status'),
    etag: text('etag'),
    lastModified: text('last_modified'),
    contentType: text('content_type'),
    fileName: text('file_name'),
    sha256: char('sha256', { length: 64 }),
    documentId: bigint('document_id', { mode: 'number' }).references(() => documents.id, { onDelete: 'set null' }),
    error: text('error'),
    location: text('location'),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    fetchedAt: timestamp('fetched_at', { withTimezone: true }),
  },
  (t) => [index('fetched_urls_sha256_idx').on(t.sha256)],
);

export const correctionAction = pgEnum('correction_action', ['confirm', 'correct', 'mark_wrong', 'add']);
export const correctionTarget = pgEnum('correction_target', ['amount', 'line', 'indicator']);

/**
 * A reviewer's correction of one value: a row of its own, never an edit of a parsed row, keyed by
 * the value's stable identity (the publication's identity key + amount/line/indicator key), so it
 * survives `reparse` and applies to every file of the publication. The newest row of a value is
 * in force; older rows are its history. No foreign key: a correction whose value disappears is
 * orphaned (current_corrections.orphaned), never dropped.
 */
export const corrections = pgTable(
  'corrections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    publicationKey: text('publication_key').notNull(),
    target: correctionTarget('target').notNull(),
    valueKey: text('value_key').notNull(),
    identity: jsonb('identity').$type<Readonly<Record<string, unknown>>>().notNull(),
    action: correctionAction('action').notNull(),
    oldValue: jsonb('old_value').$type<Readonly<Record<string, unknown>>>(),
    newValue: jsonb('new_value').$type<Readonly<Record<string, unknown>>>(),
    note: text('note'),
    reviewer: text('reviewer').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('corrections_value_idx').on(t.publicationKey, t.valueKey, t.id)],
);

/** The text verification of a value once corrections apply: the parser's three, or `corrected`. */
export type CorrectedVerification = 'confirmed' | 'unconfirmed' | 'contradicted' | 'corrected';
const correctedColumns = () => ({
  verification: text('verification').$type<CorrectedVerification>().notNull(),
  anchor: jsonb('anchor').$type<ValueAnchor>(),
  bbox: doublePrecision('bbox').array(),
  confirmedAcrossSources: boolean('confirmed_across_sources').notNull(),
  valueKey: text('value_key').notNull(),
  correctionId: bigint('correction_id', { mode: 'number' }),
  printedReading: text('printed_reading'),
});

/** amounts with the corrections in force applied (migration 0012): a value marked wrong is gone, an added one is there with a null id. */
export const correctedAmounts = pgView('corrected_amounts', {
  id: bigint('id', { mode: 'number' }),
  reportId: bigint('report_id', { mode: 'number' }).notNull(),
  item: amountItem('item').notNull(),
  phase: amountPhase('phase').notNull(),
  fiscalYear: smallint('fiscal_year').notNull(),
  yuan: yuan('yuan').notNull(),
  alternatives: jsonb('alternatives').$type<readonly string[]>().notNull(),
  sourceText: text('source_text').notNull(),
  page: integer('page'),
  ...correctedColumns(),
}).existing();

export const correctedExpenditureLines = pgView('corrected_expenditure_lines', {
  id: bigint('id', { mode: 'number' }),
  reportId: bigint('report_id', { mode: 'number' }).notNull(),
  ordinal: integer('ordinal').notNull(),
  classification: lineClassification('classification').notNull(),
  path: text('path').array().notNull(),
  code: text('code'),
  phase: amountPhase('phase').notNull(),
  fiscalYear: smallint('fiscal_year').notNull(),
  yuan: yuan('yuan'),
  budgetYuan: yuan('budget_yuan'),
  sourceText: text('source_text').notNull(),
  page: integer('page'),
  ...correctedColumns(),
}).existing();

export const correctedIndicators = pgView('corrected_indicators', {
  id: bigint('id', { mode: 'number' }),
  reportId: bigint('report_id', { mode: 'number' }).notNull(),
  ordinal: integer('ordinal').notNull(),
  level1: text('level1'),
  level2: text('level2'),
  level3: text('level3').notNull(),
  targetRaw: text('target_raw'),
  targetOp: comparisonOp('target_op'),
  targetValue: numeric('target_value'),
  targetUnit: text('target_unit'),
  actualRaw: text('actual_raw'),
  actualOp: comparisonOp('actual_op'),
  actualValue: numeric('actual_value'),
  actualUnit: text('actual_unit'),
  weight: numeric('weight'),
  score: numeric('score'),
  note: text('note'),
  page: integer('page'),
  ...correctedColumns(),
}).existing();

/** The correction in force for each value, with `orphaned` when its value is no longer among the parsed rows. */
export const currentCorrections = pgView('current_corrections', {
  id: bigint('id', { mode: 'number' }).notNull(),
  publicationKey: text('publication_key').notNull(),
  target: correctionTarget('target').notNull(),
  valueKey: text('value_key').notNull(),
  identity: jsonb('identity').$type<Readonly<Record<string, unknown>>>().notNull(),
  action: correctionAction('action').notNull(),
  oldValue: jsonb('old_value').$type<Readonly<Record<string, unknown>>>(),
  newValue: jsonb('new_value').$type<Readonly<Record<string, unknown>>>(),
  note: text('note'),
  reviewer: text('reviewer').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  orphaned: boolean('orphaned').notNull(),
}).existing();

/** Every report with the key its corrections are filed under (its publication's identity key). */
export const reportKeys = pgView('report_keys', {
  reportId: bigint('report_id', { mode: 'number' }).notNull(),
  publicationKey: text('publication_key').notNull(),
}).existing();

export type DocumentRow = typeof documents.$inferSelect;
export type NewDocumentRow = typeof documents.$inferInsert;
export type ReportRow = typeof reports.$inferSelect;
export type NewReportRow = typeof reports.$inferInsert;
export type AmountRow = typeof amounts.$inferSelect;
export type NewAmountRow = typeof amounts.$inferInsert;
export type ExpenditureLineRow = typeof expenditureLines.$inferSelect;
export type NewExpenditureLineRow = typeof expenditureLines.$inferInsert;
export type IndicatorRow = typeof indicators.$inferSelect;
export type NewIndicatorRow = typeof indicators.$inferInsert;
export type ValidationFindingRow = typeof validationFindings.$inferSelect;
export type ParseWarningRow = typeof parseWarnings.$inferSelect;
export type NewValidationFindingRow = typeof validationFindings.$inferInsert;
export type PublicationRow = typeof publications.$inferSelect;
export type OrganizationRow = typeof organizations.$inferSelect;
export type DocumentStatus = (typeof documentStatus.enumValues)[number];
export type DocumentFormat = (typeof documentFormat.enumValues)[number];
export type CorrectionRow = typeof corrections.$inferSelect;
export type CorrectionAction = (typeof correctionAction.enumValues)[number];
export type CorrectionTarget = (typeof correctionTarget.enumValues)[number];
