import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zValidator } from '@hono/zod-validator';
import { asc, eq } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { z } from 'zod';
import { documents, reports, type Db } from '@budget-ingest/db';
import type { DocumentModel } from '@budget-ingest/doc-model';
import { readCorrections } from '@budget-ingest/export';
import { listPublications, publicationFilterSchema, readOrganization } from './browse.ts';
import { CorrectionError, correctionInputSchema, recordCorrection } from './corrections.ts';
import { documentFilterSchema, listDocuments } from './document-list.ts';
import { readModel, readReport } from './report-detail.ts';
import { CSRF_FIELD, CSRF_HEADER, isLoopback, SESSION_COOKIE, type Trust } from './trust.ts';
import { correctionsPage, loginPage, organizationPage, publicationsPage } from './views/browse-pages.ts';
import { documentsPage } from './views/documents-page.ts';
import type { PageContext } from './views/layout.ts';
import { reportPage } from './views/report-page.ts';

/** What the app needs from the process that serves it (the CLI's `review` command, or a test). */
export interface ReviewDeps {
  readonly db: Db;
  readonly trust: Trust;
  /** The original bytes of a document (the blob store), for the PDF viewer. */
  readonly readOriginal: (doc: { readonly sha256: string; readonly blobKey: string | null }) => Promise<Uint8Array>;
  /** Extracts and parses a failed document again (the pipeline); absent: no retry button works. */
  readonly retry?: (documentId: number) => Promise<{ readonly status: string }>;
  /** True when the server listens on loopback only: requests must then name a loopback Host (no DNS rebinding). */
  readonly loopbackOnly: boolean;
  /** Where an unexpected error of a request goes (the CLI's logger); the client gets a 500 without details. */
  readonly onError?: (err: unknown, path: string) => void;
}

const ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));
/** pdfjs-dist's browser build and its data, served from the installed package. */
const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const PDFJS_SERVED = ['build', 'cmaps', 'standard_fonts', 'wasm', 'iccs'];

const idParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.icc': 'application/octet-stream',
};
const FORMAT_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * No inline script or style runs, whatever a page contains: document text is hostile, and this is
 * the second wall behind escaping. pdf.js needs its worker (same origin), blob: fonts and wasm.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

type Env = { Variables: { page: PageContext; session: string | undefined; bearer: string | undefined } };

/** The review app: pages and the JSON API over one database. */
export function createReviewApp(deps: ReviewDeps): Hono<Env> {
  const app = new Hono<Env>();
  const { db, trust } = deps;

  app.onError((err, c) => {
    if (err instanceof CorrectionError) return c.json({ error: err.message }, err.status);
    deps.onError?.(err, c.req.path);
    return c.json({ error: 'internal error' }, 500);
  });

  app.use('*', async (c, next) => {
    if (deps.loopbackOnly) {
      const host = hostName(c.req.header('host'));
      if (host === null || !isLoopback(host)) return c.text('this server answers on its loopback address only', 403);
    }
    const session = getCookie(c, SESSION_COOKIE);
    const auth = c.req.header('authorization');
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    const reviewer = trust.reviewerOfRequest({ bearer, session });
    c.set('session', session);
    c.set('bearer', bearer);
    c.set('page', { reviewer: bearer === undefined ? reviewer : null, csrf: reviewer !== null && session ? trust.csrfToken(session) : null });
    await next();
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('X-Frame-Options', 'DENY');
  });

  // Assets, and the login itself, are readable by anyone who reaches the server.
  app.get('/assets/:file{[a-z-]+\\.(js|css)}', async (c) => serveFile(c, ASSETS, c.req.param('file')));
  app.get('/pdfjs/*', async (c) => {
    const rel = c.req.path.slice('/pdfjs/'.length);
    if (!PDFJS_SERVED.includes(rel.split('/')[0]!)) return c.notFound();
    return serveFile(c, PDFJS_DIR, rel, 'public, max-age=86400');
  });
  app.get('/login', (c) => c.html(loginPage(c.get('page'), null)));
  app.post('/login', async (c) => {
    const origin = c.req.header('origin');
    if (origin !== undefined && hostName(origin.replace(/^[a-z]+:\/\//, '')) !== hostName(c.req.header('host'))) return c.text('cross-origin login refused', 403);
    const form = await c.req.parseBody();
    const session = typeof form.token === 'string' ? trust.login(form.token.trim()) : null;
    if (!session) return c.html(loginPage(c.get('page'), 'That is not a review token.'), 401);
    setCookie(c, SESSION_COOKIE, session, { httpOnly: true, sameSite: 'Strict', path: '/' });
    return c.redirect('/', 303);
  });

  // Everything below reads the data: open on loopback or with --read-only-public, else a session is needed.
  app.use('*', async (c, next) => {
    if (trust.mayRead({ bearer: c.get('bearer'), session: c.get('session') })) return next();
    return c.req.path.startsWith('/api/') ? c.json({ error: 'reading needs a review token on this address (or --read-only-public)' }, 401) : c.redirect('/login', 303);
  });

  app.post('/logout', async (c) => {
    const refusal = await authorize(c, trust);
    if ('status' in refusal) return c.json({ error: refusal.message }, refusal.status);
    trust.logout(c.get('session'));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/', 303);
  });

  const invalid = (result: { success: boolean; error?: unknown }, c: Context) =>
    result.success ? undefined : c.json({ error: 'invalid request', issues: (result.error as z.ZodError).issues.map((i) => ({ path: i.path.join('.'), message: i.message })) }, 400);

  // ---- pages
  app.get('/', zValidator('query', documentFilterSchema, invalid), async (c) => {
    const filter = c.req.valid('query');
    return c.html(documentsPage(c.get('page'), filter, await listDocuments(db, filter)));
  });
  app.get('/reports/:id', zValidator('param', idParam, invalid), async (c) => {
    const detail = await readReport(db, c.req.valid('param').id);
    if (!detail) return c.text('no such report', 404);
    const model = detail.document.format === 'pdf' ? null : ((await readModel(db, detail.document.id)) as DocumentModel | null);
    return c.html(reportPage(c.get('page'), detail, model));
  });
  app.get('/publications', zValidator('query', publicationFilterSchema, invalid), async (c) => {
    const f = c.req.valid('query');
    return c.html(publicationsPage(c.get('page'), f, await listPublications(db, f)));
  });
  app.get('/organizations/:id', zValidator('param', idParam, invalid), async (c) => {
    const org = await readOrganization(db, c.req.valid('param').id);
    return org ? c.html(organizationPage(c.get('page'), org)) : c.text('no such organisation', 404);
  });
  app.get('/corrections', async (c) => c.html(correctionsPage(c.get('page'), await readCorrections(db))));

  // ---- JSON API
  app.get('/api/documents', zValidator('query', documentFilterSchema, invalid), async (c) => c.json(await listDocuments(db, c.req.valid('query'))));
  app.get('/api/documents/:id', zValidator('param', idParam, invalid), async (c) => {
    const doc = (await db.select().from(documents).where(eq(documents.id, c.req.valid('param').id)))[0];
    if (!doc) return c.json({ error: 'no such document' }, 404);
    const docReports = await db
      .select({ id: reports.id, ordinal: reports.ordinal, kind: reports.kind, title: reports.title, organization: reports.organization, fiscalYear: reports.fiscalYear, publicationId: reports.publicationId })
      .from(reports)
      .where(eq(reports.documentId, doc.id))
      .orderBy(asc(reports.ordinal));
    return c.json({ ...doc, reports: docReports });
  });
  app.get('/api/documents/:id/file', zValidator('param', idParam, invalid), async (c) => {
    const doc = (await db.select({ sha256: documents.sha256, blobKey: documents.blobKey, format: documents.format }).from(documents).where(eq(documents.id, c.req.valid('param').id)))[0];
    if (!doc) return c.json({ error: 'no such document' }, 404);
    const bytes = await deps.readOriginal(doc);
    // Served as a download of its own type, never as a page of this origin.
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': FORMAT_TYPES[doc.format] ?? 'application/octet-stream', 'Content-Disposition': 'attachment', 'Cache-Control': 'private, max-age=3600' });
  });
  app.get('/api/reports/:id', zValidator('param', idParam, invalid), async (c) => {
    const detail = await readReport(db, c.req.valid('param').id);
    if (!detail) return c.json({ error: 'no such report' }, 404);
    return c.json({ ...detail, corrections: [...detail.corrections.values()] });
  });
  app.get('/api/publications', zValidator('query', publicationFilterSchema, invalid), async (c) => c.json(await listPublications(db, c.req.valid('query'))));
  app.get('/api/organizations/:id', zValidator('param', idParam, invalid), async (c) => {
    const org = await readOrganization(db, c.req.valid('param').id);
    return org ? c.json(org) : c.json({ error: 'no such organisation' }, 404);
  });
  app.get('/api/corrections', async (c) => c.json(await readCorrections(db)));

  app.post('/api/corrections', async (c) => {
    const { body, isForm } = await readBody(c);
    const who = await authorize(c, trust, body);
    if ('status' in who) return c.json({ error: who.message }, who.status);
    const parsed = correctionInputSchema.safeParse(body);
    if (!parsed.success) return c.json({ error: 'invalid correction', issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) }, 400);
    const row = await recordCorrection(db, parsed.data, who.reviewer);
    return isForm ? c.redirect(`/reports/${parsed.data.report_id}`, 303) : c.json(row, 201);
  });
  app.post('/api/documents/:id/retry', zValidator('param', idParam, invalid), async (c) => {
    const { body, isForm } = await readBody(c);
    const who = await authorize(c, trust, body);
    if ('status' in who) return c.json({ error: who.message }, who.status);
    if (!deps.retry) return c.json({ error: 'retry is not available in this server' }, 501);
    const result = await deps.retry(c.req.valid('param').id);
    return isForm ? c.redirect('/', 303) : c.json(result);
  });
  return app;
}

/** The body of a write: JSON from scripts and the client, form fields from the plain HTML forms. */
async function readBody(c: Context): Promise<{ body: Record<string, unknown>; isForm: boolean }> {
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('application/json')) {
    const body = (await c.req.json().catch(() => null)) as unknown;
    return { body: body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {}, isForm: false };
  }
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
    return { body: (await c.req.parseBody()) as Record<string, unknown>, isForm: true };
  }
  return { body: {}, isForm: false };
}

async function authorize(c: Context<Env>, trust: Trust, body?: Record<string, unknown>) {
  const field = body?.[CSRF_FIELD];
  return trust.authorizeWrite({
    bearer: c.get('bearer'),
    session: c.get('session'),
    origin: c.req.header('origin'),
    host: c.req.header('host'),
    csrf: c.req.header(CSRF_HEADER) ?? (typeof field === 'string' ? field : undefined),
  });
}

/** A file under `root`, never outside it. */
async function serveFile(c: Context, root: string, rel: string, cache = 'no-cache') {
  const path = normalize(join(root, rel));
  if (!path.startsWith(root.endsWith(sep) ? root : root + sep)) return c.notFound();
  const ext = path.slice(path.lastIndexOf('.'));
  try {
    const bytes = await readFile(path);
    return c.body(new Uint8Array(bytes), 200, { 'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream', 'Cache-Control': cache });
  } catch {
    return c.notFound();
  }
}

/** The host name of a Host header (`127.0.0.1:3100`, `[::1]:3100`, `localhost`). */
function hostName(host: string | undefined): string | null {
  if (!host) return null;
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  return host.split(':')[0]!.split('/')[0]!;
}
