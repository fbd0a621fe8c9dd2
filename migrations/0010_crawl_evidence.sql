-- The crawler keeps what the portal said about a file (the list entry's title and date, the detail
-- page, the archive it came out of), records where a hand-off page sent it, and marks a run that
-- finished with failed pages or files as partial rather than succeeded.
ALTER TYPE "public"."crawl_run_status" ADD VALUE IF NOT EXISTS 'partial';
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "entry_title" text;
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "entry_date" date;
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "detail_url" text;
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "container_url" text;
--> statement-breakpoint
ALTER TABLE "fetched_urls" ADD COLUMN "location" text;
