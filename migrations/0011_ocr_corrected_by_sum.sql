-- Values read by OCR from scans (issue 28): a figure whose printed reading made a sum fail and that exactly one
-- reading of a digit OCR confuses makes hold takes that reading, as verification 'corrected-by-sum', with what OCR
-- read kept in printed_reading (report-parser ocr-sum-correction.ts). Rows written before are unchanged (null).
ALTER TYPE "value_verification" ADD VALUE IF NOT EXISTS 'corrected-by-sum';
--> statement-breakpoint
ALTER TABLE "amounts" ADD COLUMN "printed_reading" text;
--> statement-breakpoint
ALTER TABLE "expenditure_lines" ADD COLUMN "printed_reading" text;
--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "printed_reading" text;
