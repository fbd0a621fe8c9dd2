-- A document that is not a department's report (a government's budget report to the People's
-- Congress, a blank template) is recorded as out_of_scope with the reason, instead of as parsed
-- with no reports.
ALTER TYPE "public"."document_status" ADD VALUE IF NOT EXISTS 'out_of_scope';
