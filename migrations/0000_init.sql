CREATE TYPE "public"."amount_item" AS ENUM('total_income', 'total_expenditure', 'fiscal_appropriation', 'general_public_budget', 'government_fund_budget', 'basic_expenditure', 'personnel_expenditure', 'public_expenditure', 'project_expenditure', 'three_public_expenditure', 'official_reception', 'official_vehicles', 'overseas_travel', 'agency_operating_expenditure', 'government_procurement');--> statement-breakpoint
CREATE TYPE "public"."amount_phase" AS ENUM('budget_initial', 'budget_adjusted', 'actual');--> statement-breakpoint
CREATE TYPE "public"."comparison_op" AS ENUM('>=', '<=', '=', '>', '<');--> statement-breakpoint
CREATE TYPE "public"."crawl_run_status" AS ENUM('running', 'succeeded', 'failed', 'blocked');--> statement-breakpoint
CREATE TYPE "public"."document_format" AS ENUM('pdf', 'docx', 'doc', 'xlsx', 'xls', 'wps', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."document_status" AS ENUM('pending', 'extracted', 'parsed', 'failed', 'needs_ocr', 'unsupported');--> statement-breakpoint
CREATE TYPE "public"."fetch_status" AS ENUM('fetched', 'not_modified', 'skipped', 'failed', 'blocked');--> statement-breakpoint
CREATE TYPE "public"."finding_severity" AS ENUM('error', 'warning', 'info');--> statement-breakpoint
CREATE TYPE "public"."line_classification" AS ENUM('functional', 'economic', 'project');--> statement-breakpoint
CREATE TYPE "public"."report_kind" AS ENUM('department_performance_self_evaluation', 'project_performance_self_evaluation', 'department_final_accounts', 'department_budget');--> statement-breakpoint
CREATE TABLE "amounts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" bigint NOT NULL,
	"item" "amount_item" NOT NULL,
	"phase" "amount_phase" NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"yuan" numeric(20, 2) NOT NULL,
	"alternatives" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source_text" text NOT NULL,
	"page" integer
);
--> statement-breakpoint
CREATE TABLE "crawl_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_id" bigint NOT NULL,
	"status" "crawl_run_status" DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"pages_fetched" integer DEFAULT 0 NOT NULL,
	"new_files" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	"blocked" integer DEFAULT 0 NOT NULL,
	"duration_ms" integer,
	"message" text
);
--> statement-breakpoint
CREATE TABLE "document_contents" (
	"document_id" bigint PRIMARY KEY NOT NULL,
	"model_version" smallint NOT NULL,
	"model" jsonb NOT NULL,
	"plain_text" text NOT NULL,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"sha256" char(64) NOT NULL,
	"file_name" text NOT NULL,
	"source_url" text,
	"source_id" bigint,
	"format" "document_format" NOT NULL,
	"media_type" text,
	"byte_size" bigint NOT NULL,
	"page_count" integer,
	"status" "document_status" DEFAULT 'pending' NOT NULL,
	"error_code" text,
	"error_message" text,
	"blob_key" text,
	"extractor_version" text,
	"parser_version" text,
	"extract_ms" integer,
	"parse_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"extracted_at" timestamp with time zone,
	"parsed_at" timestamp with time zone,
	CONSTRAINT "documents_sha256_unique" UNIQUE("sha256"),
	CONSTRAINT "documents_byte_size_nonneg" CHECK ("documents"."byte_size" >= 0)
);
--> statement-breakpoint
CREATE TABLE "expenditure_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" bigint NOT NULL,
	"ordinal" integer NOT NULL,
	"classification" "line_classification" NOT NULL,
	"path" text[] NOT NULL,
	"code" text,
	"phase" "amount_phase" NOT NULL,
	"fiscal_year" smallint NOT NULL,
	"yuan" numeric(20, 2),
	"budget_yuan" numeric(20, 2),
	"source_text" text NOT NULL,
	"page" integer,
	CONSTRAINT "expenditure_lines_code_digits" CHECK ("expenditure_lines"."code" IS NULL OR "expenditure_lines"."code" ~ '^[0-9]{3,7}$')
);
--> statement-breakpoint
CREATE TABLE "fetched_urls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_id" bigint,
	"url" text NOT NULL,
	"status" "fetch_status" NOT NULL,
	"http_status" smallint,
	"etag" text,
	"last_modified" text,
	"content_type" text,
	"file_name" text,
	"sha256" char(64),
	"document_id" bigint,
	"error" text,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"fetched_at" timestamp with time zone,
	CONSTRAINT "fetched_urls_url_unique" UNIQUE("url")
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" bigint NOT NULL,
	"ordinal" integer NOT NULL,
	"level1" text,
	"level2" text,
	"level3" text NOT NULL,
	"target_raw" text,
	"target_op" "comparison_op",
	"target_value" numeric,
	"target_unit" text,
	"actual_raw" text,
	"actual_op" "comparison_op",
	"actual_value" numeric,
	"actual_unit" text,
	"weight" numeric,
	"score" numeric,
	"note" text,
	"page" integer
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document_id" bigint NOT NULL,
	"ordinal" smallint NOT NULL,
	"kind" "report_kind" NOT NULL,
	"title" text,
	"organization" text,
	"region_code" char(6),
	"province" text,
	"city" text,
	"county" text,
	"fiscal_year" smallint,
	"published_on" date,
	"document_number" text,
	"self_evaluation_score" numeric,
	"self_evaluation_rating" text,
	"page_start" integer,
	"page_end" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region_code" char(6),
	"base_url" text,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sources_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "validation_findings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"report_id" bigint NOT NULL,
	"rule" text NOT NULL,
	"severity" "finding_severity" NOT NULL,
	"message" text NOT NULL,
	"expected" text,
	"actual" text,
	"pages" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "amounts" ADD CONSTRAINT "amounts_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crawl_runs" ADD CONSTRAINT "crawl_runs_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_contents" ADD CONSTRAINT "document_contents_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expenditure_lines" ADD CONSTRAINT "expenditure_lines_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fetched_urls" ADD CONSTRAINT "fetched_urls_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fetched_urls" ADD CONSTRAINT "fetched_urls_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "validation_findings" ADD CONSTRAINT "validation_findings_report_id_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "amounts_report_item_phase_year_uq" ON "amounts" USING btree ("report_id","item","phase","fiscal_year");--> statement-breakpoint
CREATE INDEX "documents_status_idx" ON "documents" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "expenditure_lines_report_ordinal_uq" ON "expenditure_lines" USING btree ("report_id","ordinal");--> statement-breakpoint
CREATE INDEX "expenditure_lines_code_idx" ON "expenditure_lines" USING btree ("code");--> statement-breakpoint
CREATE INDEX "fetched_urls_sha256_idx" ON "fetched_urls" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "indicators_report_ordinal_uq" ON "indicators" USING btree ("report_id","ordinal");--> statement-breakpoint
CREATE UNIQUE INDEX "reports_document_ordinal_uq" ON "reports" USING btree ("document_id","ordinal");--> statement-breakpoint
CREATE INDEX "reports_region_year_idx" ON "reports" USING btree ("region_code","fiscal_year");--> statement-breakpoint
CREATE INDEX "reports_kind_year_idx" ON "reports" USING btree ("kind","fiscal_year");--> statement-breakpoint
CREATE INDEX "validation_findings_report_idx" ON "validation_findings" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "validation_findings_rule_idx" ON "validation_findings" USING btree ("rule");