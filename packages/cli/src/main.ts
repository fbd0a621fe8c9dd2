import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
// Narrow entry points (no schema, queues or extraction), so `--help` stays fast.
import { describeDbError } from '@budget-ingest/db/errors';
import { exitOnCrashSanitized } from '@budget-ingest/pipeline/crash';
import type { Runtime } from './context.ts';
import { fsErrorLine } from './fs-error-line.ts';
import { createScreen } from './screen.ts';

/**
 * Builds the command tree. Actions set `exit` instead of calling
 * process.exit, so tests can run commands in-process. Each action imports its
 * command module when it runs: `--help` or one command loads only what it uses.
 */
export function buildProgram(rt: Runtime, setExit: (code: number) => void): Command {
  const program = new Command('budget-ingest')
    .description('Turn Chinese government budget disclosures (部门预算, 部门决算, 绩效自评报告) into a queryable Postgres dataset.')
    .addOption(new Option('--data-dir <dir>', 'directory of the embedded database and blob store (env BUDGET_INGEST_DATA_DIR, default ./data)'))
    .addOption(new Option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (env LOG_LEVEL; default warn on a terminal, info when piped)'))
    .addOption(new Option('-q, --quiet', 'print nothing but errors and the summary'))
    .addOption(new Option('-v, --verbose', 'show info logs (-vv: debug)').argParser(countVerbose))
    .version(cliVersion(), '-V, --version', 'print the version and exit')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => rt.stdout(s.trimEnd()), writeErr: (s) => rt.stderr(s.trimEnd()) });

  // Every command accepts the global options after its own name too (`ingest samples/ --data-dir x`).
  const withGlobals = (cmd: Command) =>
    cmd
      .addOption(new Option('--data-dir <dir>', 'directory of the embedded database and blob store (env BUDGET_INGEST_DATA_DIR, default ./data)'))
      .addOption(new Option('--log-level <level>', 'log level').hideHelp())
      .addOption(new Option('-q, --quiet', 'print nothing but errors and the summary'))
      .addOption(new Option('-v, --verbose', 'show info logs (-vv: debug)').argParser(countVerbose))
      .addHelpText('after', examplesOf(cmd.name()));
  const run =
    <A extends unknown[]>(fn: (...args: A) => Promise<number>) =>
    async (...args: A) =>
      setExit(await fn(...args));
  // commander types options loosely; each command validates what it reads.
  const globals = <T = Record<string, never>>(cmd: Command) => cmd.optsWithGlobals() as T & Record<string, unknown>;

  withGlobals(program.command('ingest'))
    .description('ingest files, folders (recursively) or globs: in-process, or onto the queues when REDIS_URL is set')
    .argument('<paths...>', 'files, folders or glob patterns')
    .option('--json', 'print one JSON object per document instead of a line')
    .option('--wait', 'with REDIS_URL: follow the queued jobs until every document is done, then print the summary')
    .option('--allow-failures', 'exit 0 even when documents failed (default: exit 1)')
    .action(run(async (paths: string[], _o: unknown, cmd: Command) => (await import('./commands/ingest.ts')).ingestCommand(rt, paths, globals(cmd))));

  withGlobals(program.command('migrate'))
    .description('create or update the database schema (DATABASE_URL, or the embedded database); idempotent')
    .action(run(async (_o: unknown, cmd: Command) => (await import('./commands/migrate.ts')).migrateCommand(rt, globals(cmd))));

  withGlobals(program.command('export'))
    .description('json: one <original file name>.json per document (GOLD.md shape); csv|parquet|json with --table: tables or views, to a folder or stdout')
    .addOption(new Option('--format <format>', 'output format (with --table, json is one JSON object per row)').choices(['json', 'csv', 'parquet']).default('json'))
    .option('--table <name>', 'a table or view to export (e.g. report_overview); give it more than once for several', collect)
    .addOption(new Option('--by <unit>', 'with json: one file per document (default) or per publication, its sources merged').choices(['document', 'publication']).default('document'))
    .option('--corrections', 'with json: the reviewers\' corrections alone (corrections.json: history, in force, orphaned)')
    .option('--bom', 'with csv: begin with a UTF-8 byte order mark (Excel on Chinese Windows)')
    .option('--raw-formulas', "with csv: keep text cells beginning with = + - @ as they are (default: a leading ' so spreadsheets do not run them)")
    .requiredOption('--out <dir>', 'output directory, or - for stdout (one --table)')
    .action(
      run(async (_o: unknown, cmd: Command) =>
        (await import('./commands/export.ts')).exportCommand(rt, globals<{ format: string; out: string; table?: string[]; by?: string; corrections?: boolean; bom?: boolean; rawFormulas?: boolean }>(cmd), rt.rawStdout),
      ),
    );

  withGlobals(program.command('extract'))
    .description('print the document model of one file (headings, paragraphs, tables) without storing anything')
    .argument('<file>', 'a PDF, DOCX, DOC or XLSX file')
    .addOption(new Option('--format <format>', 'json or text').choices(['json', 'text']).default('text'))
    .option('--progress', 'show the pages a scan has read by OCR (a bar on a terminal, else a line per page, on stderr)')
    .action(run(async (file: string, _o: unknown, cmd: Command) => (await import('./commands/extract.ts')).extractCommand(rt, file, globals<{ format: string; progress?: boolean }>(cmd))));

  withGlobals(program.command('explain'))
    .description('parse one file without storing it and show, for every amount, expenditure line and indicator, the reader, spec and rule that produced it, the text it read, every statement dropped and every figure passed over, with the reason')
    .argument('<file>', 'a PDF, DOCX, DOC or XLSX file')
    .option('--json', 'one JSON object per entry (amount, line, indicator, rejected)')
    .option('--progress', 'show the pages a scan has read by OCR (a bar on a terminal, else a line per page, on stderr)')
    .action(run(async (file: string, _o: unknown, cmd: Command) => (await import('./commands/explain.ts')).explainCommand(rt, file, globals<{ json?: boolean; progress?: boolean }>(cmd))));

  withGlobals(program.command('status'))
    .description('documents by status, row counts, and each crawled source\'s last run and block')
    .option('--json', 'print the counts as JSON')
    .action(run(async (_o: unknown, cmd: Command) => (await import('./commands/status.ts')).statusCommand(rt, globals(cmd))));

  withGlobals(program.command('reparse'))
    .description('re-run parsing from the stored document models (all, or the given sha256 prefixes / file names): in-process, or on the workers when REDIS_URL is set')
    .argument('[documents...]', 'sha256 prefixes or file names')
    .option('--wait', 'with REDIS_URL (parse jobs go to the workers): wait until every document is done')
    .option('--allow-failures', 'exit 0 even when documents end failed')
    .action(run(async (docs: string[], _o: unknown, cmd: Command) => (await import('./commands/rerun.ts')).reparseCommand(rt, docs, globals(cmd))));

  withGlobals(program.command('retry-failed'))
    .description('extract and parse failed documents again: in-process, or on the workers when REDIS_URL is set')
    .option('--include-unsupported', 'also retry needs_ocr and unsupported documents')
    .option('--wait', 'with REDIS_URL: wait until every document is done')
    .option('--allow-failures', 'exit 0 even when documents end failed again')
    .action(run(async (_o: unknown, cmd: Command) => (await import('./commands/rerun.ts')).retryFailedCommand(rt, globals(cmd))));

  withGlobals(program.command('workers'))
    .description('run the extract and parse workers in this process (needs REDIS_URL and DATABASE_URL)')
    .option('--stages <list>', 'comma-separated stages to run', 'extract,parse')
    .action(run(async (_o: unknown, cmd: Command) => (await import('./commands/workers.ts')).workersCommand(rt, globals<{ stages: string }>(cmd))));

  withGlobals(program.command('dashboard'))
    .description('serve a web dashboard of the queues (bull-board); needs REDIS_URL and DATABASE_URL')
    .option('--port <port>', 'port to listen on', '3000')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(run(async (_o: unknown, cmd: Command) => (await import('./commands/dashboard.ts')).dashboardCommand(rt, globals<{ port: string; host: string }>(cmd))));

  withGlobals(program.command('parse-number'))
    .description('print every number expression found in each TEXT as JSON lines (value, unit, kind, op, span)')
    .argument('<texts...>', 'texts to scan, e.g. "基本支出126.15万元"')
    .option('--indicator', 'read each TEXT as an indicator target or actual cell (value, unit, op, approx)')
    .action(
      run(async (texts: string[], o: { indicator?: boolean }) => {
        (await import('./commands/parse-number.ts')).parseNumberCommand(texts, rt.stdout, { indicator: o.indicator === true });
        return 0;
      }),
    );

  withGlobals(program.command('findings'))
    .description('list the validation findings (contradictions) of ingested files, or of all documents')
    .argument('[files...]', 'ingested files (found by content)')
    .option('--all', 'every document in the database')
    .option('--json', 'one JSON object per finding')
    .action(run(async (files: string[], _o: unknown, cmd: Command) => (await import('./commands/findings.ts')).findingsCommand(rt, files, globals<{ all?: boolean; json?: boolean }>(cmd))));

  withGlobals(program.command('eval'))
    .description('ingest files and score the export against gold files (precision, recall, F1 per field group)')
    .requiredOption('--gold <dir>', 'directory of gold <document name>.json files')
    .argument('[files...]', 'documents to evaluate (default: every file in --gold with a matching gold file)')
    .option('--min-f1 <f1>', 'exit 1 when any field group scores below this F1')
    .action(run(async (files: string[], _o: unknown, cmd: Command) => (await import('./commands/eval.ts')).evalCommand(rt, files, globals<{ gold: string; quiet?: boolean; minF1?: string }>(cmd))));

  withGlobals(program.command('crawl'))
    .description('crawl disclosure portals now (SOURCE names from the portals config, or --all) and ingest new files')
    .argument('[sources...]', 'portal names')
    .option('--all', 'every enabled portal')
    .option('--full', 'ignore stored ETag/Last-Modified and a known block: re-read every page now')
    .option('--dry-run', 'read the list and detail pages, print what would be fetched and why; download and record nothing')
    .option('--portals <file>', 'portals config file (env PORTALS_CONFIG, default config/portals.yaml); ${NAME} in it is filled from the environment')
    .action(run(async (sources: string[], _o: unknown, cmd: Command) => (await import('./commands/crawl.ts')).crawlCommand(rt, sources, globals<{ all?: boolean; full?: boolean; dryRun?: boolean; portals?: string }>(cmd))));

  withGlobals(program.command('sql'))
    .description('serve the embedded database over the Postgres protocol and print the psql command (analysts, BI tools)')
    .option('--port <port>', 'port to listen on', '5433')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(run(async (_o: unknown, cmd: Command) => (await import('./commands/sql.ts')).sqlCommand(rt, globals<{ port: string; host: string }>(cmd))));

  withGlobals(program.command('review'))
    .description('serve the review and browsing web app on the database: documents, reports, every value beside its source, corrections')
    .option('--port <port>', 'port to listen on', '3100')
    .option('--host <host>', 'address to listen on (loopback by default; reading elsewhere needs the token unless --read-only-public)', '127.0.0.1')
    .option('--open', 'open the app in the browser, logged in')
    .option('--read-only-public', 'let anyone who reaches the server read without a token (writing still needs one)')
    .action(run(async (_o: unknown, cmd: Command) => (await import('./commands/review.ts')).reviewCommand(rt, globals<{ port: string; host: string; open?: boolean; readOnlyPublic?: boolean }>(cmd))));

  program.addHelpText('after', examplesOf(''));
  return program;
}

/** A repeatable option's values, in order. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** -v, -vv: each one more. */
function countVerbose(_value: string, previous: number | undefined): number {
  return (previous ?? 0) + 1;
}

/** The CLI's version, from its package.json (read when asked: `--help` and commands do not pay for it otherwise). */
function cliVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The "Examples:" block under a command's --help ('' is the program's own). */
function examplesOf(command: string): string {
  const lines = COMMAND_EXAMPLES[command] ?? [];
  return `\nExamples:\n${lines.map((l) => `  $ budget-ingest ${l}`).join('\n')}`;
}

/** At least one real invocation per command, shown by `--help` (a test checks every command has some). */
export const COMMAND_EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  '': ['ingest samples/', 'status', 'export --format csv --table report_overview --out -', 'ingest --help'],
  ingest: ['ingest samples/', "ingest 'inbox/**/*.pdf' --json", 'ingest inbox/ --quiet --allow-failures', 'ingest /data/inbox --wait    # with REDIS_URL'],
  migrate: ['migrate', 'DATABASE_URL=postgres://budget:budget@localhost:5432/budget budget-ingest migrate'],
  export: ['export --out out/', 'export --by publication --out out/', 'export --format csv --table report_overview --table amounts --bom --out out/', 'export --format csv --table report_overview --out - | head', 'export --format parquet --table amounts --out out/', 'export --corrections --out out/'],
  extract: ['extract samples/renhua-2021-perf.pdf', 'extract samples/lusong-2023-perf.docx --format json > model.json'],
  explain: ['explain samples/wanyuan-2022-final-accounts.pdf', 'explain samples/renhua-2021-perf.pdf --json | jq .entry'],
  status: ['status', 'status --json'],
  reparse: ['reparse', 'reparse 704072d7 lusong-2023-perf.docx', 'reparse --wait    # with REDIS_URL'],
  'retry-failed': ['retry-failed', 'retry-failed --include-unsupported'],
  workers: ['workers', 'workers --stages extract'],
  dashboard: ['dashboard', 'dashboard --port 3001'],
  'parse-number': ["parse-number '基本支出126.15万元'", "parse-number --indicator '≥95%'"],
  findings: ['findings --all', 'findings samples/wanyuan-2022-final-accounts.pdf --json'],
  eval: ['eval --gold test/fixtures/corpus/gold --quiet', 'eval --gold test/fixtures/corpus/gold test/fixtures/corpus/docs/renhua-2021-perf.pdf'],
  crawl: ['crawl --all', 'crawl --dry-run xx-county-czyjs', 'crawl xx-county-czyjs --full --portals config/portals.yaml'],
  sql: ['sql', 'sql --port 5434', 'SQL_PASSWORD=… sql --host 0.0.0.0'],
  review: ['review', 'review --open', 'REVIEW_TOKEN=alice:a-long-secret review --host 0.0.0.0 --read-only-public'],
};

export async function main(argv: readonly string[]): Promise<number> {
  exitOnCrashSanitized();
  const screen = createScreen(process.stdout, process.stderr);
  const rt: Runtime = {
    env: process.env,
    cwd: process.cwd(),
    stdout: screen.out,
    stderr: screen.err,
    stdoutIsTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    bar: screen.bar,
    rawStdout: { write: (body) => new Promise<void>((done, fail) => process.stdout.write(body, (err) => (err ? fail(err) : done()))) },
  };
  return runCli(rt, argv);
}

/** Runs the CLI against a runtime; returns the exit code. */
export async function runCli(rt: Runtime, argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = buildProgram(rt, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (err) {
    // --help and --version end with 0; every other commander error is a usage error: 2, as for our own checks.
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    // Imported here, not at the top: `--help` should not load the config schema.
    const { ConfigError } = await import('@budget-ingest/config');
    if (err instanceof ConfigError) {
      rt.stderr(`budget-ingest: ${err.message}`);
      return 2;
    }
    const fsLine = fsErrorLine(err, rt.cwd);
    if (fsLine) {
      rt.stderr(`budget-ingest: ${fsLine}`);
      return 1;
    }
    // describeDbError puts a database error's real cause (and its constraint) first and redacts passwords.
    rt.stderr(`budget-ingest: ${describeDbError(err)}`);
    return 1;
  }
}
