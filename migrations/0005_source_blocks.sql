-- A known block: when a portal answered with a WAF/JS challenge, the crawler records it on the
-- source, and crawls back off for the portal's blockBackoffMs after blocked_checked_at, so
-- scheduled runs do not knock on the gate again.
ALTER TABLE "sources" ADD COLUMN "blocked_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "blocked_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "blocked_evidence" text;
