/**
 * The one page loop shared by {@link HttpStream} and the declarative SimpleRetriever: request a page, decode,
 * select records, ask the paginator for the next token, repeat. Pages are produced lazily (the next request is
 * sent only when the consumer asks for the next page), so at most one page is held at a time.
 * @module
 */
import { SpoutError } from "../errors.ts";
import { readBodyText } from "../http/body.ts";
import type { Requester } from "../http/requester.ts";
import { isIgnoredResponse } from "../http/retry.ts";
import type { Paginator, RequestParts } from "../pagination/types.ts";
import type { RecordData } from "../types.ts";
import type { ReadContext } from "./types.ts";

/** One page of records. */
export interface PageResult {
  /** Records of the page (after selection and any post-pagination filter). */
  records: RecordData[];
  /** The HTTP response (body consumed). */
  response: Response;
  /** First decoded document of the page (undefined for ignored responses). */
  body: unknown;
  /** Token used to request this page. */
  token: unknown;
  /** 1-based page number within this read. */
  page: number;
  /** True when the response was ignored by the error handler (no records, pagination stops). */
  ignored: boolean;
}

/** What {@link PageReaderOptions.select} receives besides the document. */
export interface SelectInfo {
  /** The response the document came from. */
  response: Response;
  /** Token used for this page. */
  token: unknown;
}

/** Options of {@link readPages}. */
export interface PageReaderOptions {
  /** Stream name (for errors and observer events). */
  stream?: string;
  /** Fetch-shaped requester, already wrapped in auth/retry middleware. */
  requester: Requester;
  /** Builds the HTTP request for the given parts. */
  buildRequest(parts: RequestParts, signal?: AbortSignal): Request;
  /** Request parts of the first page of this slice (before the paginator applies its token). */
  parts: RequestParts;
  /** Paginator; without one a single page is read. */
  paginator?: Paginator;
  /** Decodes a response into documents (default: one JSON document). */
  decode?(response: Response): AsyncIterable<unknown>;
  /** Selects records from one document. */
  select(document: unknown, info: SelectInfo): Iterable<RecordData>;
  /**
   * Drops records after the paginator has seen them (Airbyte's data-feed post-pagination filter). Return
   * false to drop.
   */
  postFilter?(record: RecordData): boolean;
  /** Stops pagination after a page when this returns true for its last record (data feeds). */
  stopAfter?(lastRecord: RecordData): boolean;
  /**
   * Treats a response as ignored (default: marked IGNORE by the retry layer, or any non-2xx response that
   * reached the page loop, like the reference's `if not response: break`).
   */
  isIgnored?(response: Response): boolean;
  /**
   * Restarting pagination (Airbyte's `pagination_reset`): when the API answers RESET_PAGINATION (the retry
   * layer throws `http_reset_pagination`) or after `afterRecords` records since the last (re)start, the read
   * restarts from the paginator's initial token with `parts()` (e.g. the slice narrowed to the most recent
   * cursor value). Restarting with the same parts is allowed once without `parts`, never with it.
   */
  reset?: { parts?(): RequestParts | undefined; afterRecords?: number };
  /** Safety limit: more pages than this in one read is an error (default 1,000,000). */
  pageLimit?: number;
  /** The read context (signal, maxPages, observer, env, masker). */
  ctx: ReadContext;
}

/**
 * Decodes a whole response body as one JSON document (empty body: no document; invalid JSON: `decode_error`;
 * bodies over 256 MiB: `http_body_too_large`).
 *
 * @example
 * ```ts
 * import { decodeJson } from "./page_reader.ts";
 * const docs: unknown[] = [];
 * for await (const d of decodeJson(new Response('{"a":1}'))) docs.push(d);
 * if (docs.length !== 1) throw new Error("one document");
 * ```
 */
export async function* decodeJson(response: Response): AsyncIterable<unknown> {
  const text = await boundedText(response);
  if (text.trim() === "") return;
  try {
    yield JSON.parse(text);
  } catch (error) {
    throw new SpoutError(
      "decode_error",
      `response of ${response.url || "the API"} (status ${response.status}) is not valid JSON: ` +
        `${text.slice(0, 80).replace(/\s+/g, " ")}`,
      { cause: error },
    );
  }
}

const MAX_BODY_BYTES = 256 * 1024 * 1024;

/** The body as text, capped; uncompressed bodies with a small declared length take the native fast path. */
function boundedText(response: Response): Promise<string> {
  const length = Number(response.headers.get("content-length") ?? NaN);
  if (!response.headers.has("content-encoding") && Number.isFinite(length) && length <= MAX_BODY_BYTES) {
    return response.text();
  }
  return readBodyText(response, { maxBytes: MAX_BODY_BYTES });
}

function tokenKey(token: unknown): string {
  try {
    return JSON.stringify(token) ?? "undefined";
  } catch {
    return String(token);
  }
}

function headerRecord(headers: Headers, mask: (text: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of headers) out[k] = mask(v);
  return out;
}

/**
 * Reads the pages of one slice.
 *
 * Guards: a paginator returning the token it was just given, or any token already used in this read, stops
 * the read with a `pagination_loop` error; more than `pageLimit` pages is also an error; `ctx.maxPages` stops
 * quietly (test reads). A response the error handler chose to ignore yields an empty page and ends the read.
 *
 * @example
 * ```ts
 * import { readPages } from "./page_reader.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * const pages = { "1": { items: [{ id: 1 }], next: 2 }, "2": { items: [{ id: 2 }], next: null } };
 * const requester = (req: Request) => {
 *   const page = new URL(req.url).searchParams.get("page") ?? "1";
 *   return Promise.resolve(Response.json(pages[page as "1" | "2"]));
 * };
 * const ids: unknown[] = [];
 * for await (const page of readPages({
 *   requester,
 *   buildRequest: (parts) => new Request(`http://api.test/${parts.path}?page=${parts.query.page ?? "1"}`),
 *   parts: { path: "items", query: {}, headers: {} },
 *   paginator: {
 *     initialToken: () => undefined,
 *     nextToken: ({ body }) => (body as { next: number | null }).next ?? undefined,
 *     apply: (parts, token) => token === undefined ? parts : { ...parts, query: { page: String(token) } },
 *   },
 *   select: (doc) => (doc as { items: { id: number }[] }).items,
 *   ctx: { env: fakeEnv(), masker: new SecretMasker() },
 * })) ids.push(...page.records.map((r) => r.id));
 * if (ids.join() !== "1,2") throw new Error(ids.join());
 * ```
 */
export async function* readPages(options: PageReaderOptions): AsyncGenerator<PageResult, void, undefined> {
  const { ctx, paginator } = options;
  const stream = options.stream ?? "stream";
  const decode = options.decode ?? decodeJson;
  const isIgnored = options.isIgnored ??
    ((response: Response) => isIgnoredResponse(response) || !response.ok);
  const pageLimit = options.pageLimit ?? 1_000_000;
  const maxPages = ctx.maxPages ?? Infinity;
  const seen = new Set<string>();
  let token: unknown = paginator?.initialToken();
  let currentKey = tokenKey(token);
  if (token !== undefined) seen.add(currentKey);
  let baseParts = options.parts;
  let sinceReset = 0;
  let sameAttempts = 0;
  const restart = (why: string) => {
    const next = options.reset?.parts?.();
    const same = next === undefined || JSON.stringify(next) === JSON.stringify(baseParts);
    if (same) {
      if (++sameAttempts >= (options.reset?.parts ? 1 : 2)) {
        throw new SpoutError(
          "pagination_loop",
          `stream ${stream}: pagination was restarted ${sameAttempts} time(s) on the same slice (${why}); giving up`,
        );
      }
    } else sameAttempts = 0;
    if (next) baseParts = next;
    ctx.observer?.onDecision?.({ stream, message: `pagination restarts (${why})` });
    token = paginator?.initialToken();
    currentKey = tokenKey(token);
    seen.clear();
    if (token !== undefined) seen.add(currentKey);
    sinceReset = 0;
  };
  for (let page = 1;; page++) {
    ctx.signal?.throwIfAborted();
    if (page > pageLimit) {
      throw new SpoutError(
        "pagination_loop",
        `stream ${stream} read more than ${pageLimit} pages in one slice: the paginator probably never stops; ` +
          "check its stop condition",
      );
    }
    const parts = paginator ? paginator.apply(baseParts, token) : baseParts;
    const request = options.buildRequest(parts, ctx.signal);
    const started = ctx.env.now();
    let response: Response;
    try {
      response = await options.requester(request);
    } catch (error) {
      if (!(error instanceof SpoutError && error.code === "http_reset_pagination")) throw error;
      restart("the API asked to reset pagination");
      continue;
    }
    if (ctx.observer?.onExchange) {
      const mask = (text: string) => ctx.masker.mask(text);
      ctx.observer.onExchange({
        stream,
        method: request.method,
        url: mask(request.url),
        status: response.status,
        ms: ctx.env.now() - started,
        requestHeaders: headerRecord(request.headers, mask),
        responseHeaders: headerRecord(response.headers, mask),
      });
    }
    if (isIgnored(response)) {
      await response.body?.cancel().catch(() => {});
      ctx.observer?.onDecision?.({ stream, message: `response ${response.status} ignored; slice ends` });
      yield { records: [], response, body: undefined, token, page, ignored: true };
      return;
    }
    let first: unknown = undefined;
    let firstSet = false;
    // The usual single-document page keeps the selector's array as is (no per-record copy); it is copied
    // before records of a second document are appended (it may be the decoded document's own array).
    let selected: RecordData[] = [];
    let owned = true;
    for await (const document of decode(response)) {
      const out = options.select(document, { response, token });
      if (!firstSet) {
        first = document;
        firstSet = true;
        if (Array.isArray(out)) {
          selected = out;
          owned = false;
          continue;
        }
      }
      if (!owned) {
        selected = selected.slice();
        owned = true;
      }
      for (const record of out) selected.push(record);
    }
    const lastRecord = selected.length > 0 ? selected[selected.length - 1] : undefined;
    let next: unknown = undefined;
    const stop = lastRecord !== undefined && options.stopAfter?.(lastRecord) === true;
    if (stop) {
      ctx.observer?.onDecision?.({ stream, message: "stop condition met on the last record of the page" });
    } else if (paginator) {
      next = paginator.nextToken({
        response,
        body: first,
        records: selected,
        lastPageSize: selected.length,
        lastRecord,
        token,
      });
    }
    const records = options.postFilter ? selected.filter((r) => options.postFilter!(r)) : selected;
    ctx.observer?.onPage?.({ stream, records: records.length, nextToken: next });
    yield { records, response, body: first, token, page, ignored: false };
    sinceReset += selected.length;
    if (options.reset?.afterRecords !== undefined && sinceReset >= options.reset.afterRecords) {
      restart(`${sinceReset} records since the last start`);
      continue;
    }
    if (next === undefined || next === null) return;
    if (page >= maxPages) {
      ctx.observer?.onDecision?.({ stream, message: `stopped after ${page} pages (maxPages)` });
      return;
    }
    const key = tokenKey(next);
    if (seen.has(key) || key === currentKey) {
      throw new SpoutError(
        "pagination_loop",
        `stream ${stream}: the paginator returned a page token it already used (${
          ctx.masker.mask(key.slice(0, 120))
        }); stopping instead of looping. Check the paginator's cursor_value / stop_condition`,
      );
    }
    if (seen.size < 10_000) seen.add(key);
    token = next;
    currentKey = key;
  }
}
