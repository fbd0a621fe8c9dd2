CREATE TABLE "indicator_aliases" (
	"alias" text PRIMARY KEY NOT NULL,
	"indicator_key" text NOT NULL,
	"description" text
);
