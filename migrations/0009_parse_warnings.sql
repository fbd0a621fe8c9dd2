-- Problems reading a document (report-parser ParseWarning: table-unit-missing, table-columns-unrecognised,
-- no-report-title, …) are stored with the document, apart from validation_findings (contradictions in
-- the document). The parse stage replaces a document's rows in the transaction that stores its reports.
CREATE TABLE "parse_warnings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document_id" bigint NOT NULL,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"page" integer,
	"box" double precision[],
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parse_warnings_box_four" CHECK ("parse_warnings"."box" IS NULL OR cardinality("parse_warnings"."box") = 4)
);
--> statement-breakpoint
ALTER TABLE "parse_warnings" ADD CONSTRAINT "parse_warnings_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "parse_warnings_document_idx" ON "parse_warnings" USING btree ("document_id");
