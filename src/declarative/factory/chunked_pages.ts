/**
 * The page loop of a retriever with query properties, as Airbyte's SimpleRetriever runs it: every page token
 * is requested once per property chunk (the chunk is the slice's `extra_fields.query_properties`); records
 * with a merge key are merged across the chunks of the page and emitted after its last chunk, the others at
 * once; the next token comes from the last chunk's response. Pagination restarts (RESET_PAGINATION or
 * `pagination_reset` limits) start again from the first page, on the narrowed slice.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import type { Requester } from "../../http/requester.ts";
import type { PageContext, Paginator, RequestParts } from "../../pagination/types.ts";
import { readPages } from "../../source/page_reader.ts";
import type { StreamSlice } from "../../source/types.ts";
import type { RecordData } from "../../types.ts";
import type { PaginationTracker } from "./pagination_reset.ts";
import type { PaginatorFor } from "./paginator.ts";
import { deepMerge, type QueryProperties } from "./query_properties.ts";
import type { RunContext } from "./types.ts";

/** What the chunked page loop needs from a built retriever for one read. */
export interface RetrieverCore {
  /** The requester chain of this read. */
  requester: Requester;
  /** Paginator per slice. */
  paginatorFor: PaginatorFor;
  /** Request parts of `slice` at `token` (requester, auth, paginator and slicer options, URL). */
  parts(slice: StreamSlice, token: unknown, paginator?: Paginator): RequestParts;
  /** Builds the HTTP request. */
  buildRequest(parts: RequestParts, signal?: AbortSignal): Request;
  /** Decodes a response. */
  decoder(response: Response): AsyncIterable<unknown>;
  /** Selects the records of a document (with the original slice). */
  select(document: unknown, response: Response, slice: StreamSlice, token: unknown): RecordData[];
  /** Records the selector extracted before filtering, for the last `select` call. */
  lastExtracted(): number;
  /** True when a response was ignored by the error handler. */
  isIgnored(response: Response): boolean;
  /** Data-feed post-pagination filter. */
  postFilter?(record: RecordData, slice: StreamSlice): boolean;
}

/** Safety limit of pages in one slice (as the shared page loop). */
const PAGE_LIMIT = 1_000_000;

/** Raised through the page loop when the API asks to reset pagination in the middle of a page's chunks. */
class ResetRequested extends Error {}

function tokenKey(token: unknown): string {
  try {
    return JSON.stringify(token) ?? "undefined";
  } catch {
    return String(token);
  }
}

/**
 * Reads the pages of `slice` with query properties (see the module notes); yields arrays of records.
 *
 * @example
 * ```ts
 * import { readChunkedPages } from "./chunked_pages.ts";
 * import { PaginationTracker } from "./pagination_reset.ts";
 * import { noPagination } from "../../pagination/no_pagination.ts";
 * import { decodeJson } from "../../source/page_reader.ts";
 * import { fakeEnv } from "../../env.ts";
 * import { SecretMasker } from "../../secrets.ts";
 * const core = {
 *   requester: (req: Request) => {
 *     const props = new URL(req.url).searchParams.get("p")!.split(",");
 *     return Promise.resolve(Response.json([Object.fromEntries(props.map((p) => [p, p === "id" ? "1" : p]))]));
 *   },
 *   paginatorFor: () => noPagination(),
 *   parts: (slice: { extra_fields?: { [k: string]: unknown } }) => ({
 *     path: "",
 *     url: `https://api.test/x?p=${(slice.extra_fields!.query_properties as string[]).join(",")}`,
 *     query: {},
 *     headers: {},
 *   }),
 *   buildRequest: (parts: { url?: string }) => new Request(parts.url!),
 *   decoder: decodeJson,
 *   select: (doc: unknown) => doc as { [k: string]: unknown }[],
 *   lastExtracted: () => 1,
 *   isIgnored: (r: Response) => !r.ok,
 * };
 * const qp = {
 *   mergeKey: (r: { [k: string]: unknown }) => r.id as string,
 *   chunks: () => Promise.resolve([["id", "a"], ["id", "b"]]),
 * };
 * const run = { ctx: { env: fakeEnv(), masker: new SecretMasker() }, stream: "s" };
 * const pages = [];
 * for await (const page of readChunkedPages(core, qp, { partition: {}, cursor_slice: {} }, run, new PaginationTracker())) {
 *   pages.push(page);
 * }
 * if (JSON.stringify(pages) !== '[[{"id":"1","a":"a","b":"b"}]]') throw new Error(JSON.stringify(pages));
 * ```
 */
export async function* readChunkedPages(
  core: RetrieverCore,
  qp: QueryProperties,
  slice: StreamSlice,
  run: RunContext,
  tracker: PaginationTracker,
): AsyncGenerator<RecordData[], void, undefined> {
  const { ctx } = run;
  const requester: Requester = async (request) => {
    try {
      return await core.requester(request);
    } catch (error) {
      if (error instanceof SpoutError && error.code === "http_reset_pagination") throw new ResetRequested();
      throw error;
    }
  };
  const maxPages = ctx.maxPages ?? Infinity;
  let current = slice;
  let token: unknown = core.paginatorFor(current).initialToken();
  const seen = new Set<string>();
  let chunks: string[][] | undefined;
  let chunkSlicesOf: StreamSlice | undefined;
  let chunkSlices: StreamSlice[] = [];
  for (let page = 1;; page++) {
    ctx.signal?.throwIfAborted();
    if (page > PAGE_LIMIT) {
      throw new SpoutError(
        "pagination_loop",
        `stream ${run.stream} read more than ${PAGE_LIMIT} pages in one slice: the paginator probably never ` +
          "stops; check its stop condition",
      );
    }
    const merged = new Map<string, { [key: string]: unknown }>();
    let emitted = 0;
    let lastRecord: RecordData | undefined;
    let last: { context?: PageContext; slice: StreamSlice; extracted: number; ignored: boolean } | undefined;
    let reset = false;
    try {
      // The chunks are the same on every page (the property list is read once); their slices are rebuilt
      // only when a restart narrows the slice, so per-slice templates are rendered once per chunk.
      chunks ??= await qp.chunks(run);
      if (chunkSlicesOf !== current) {
        chunkSlicesOf = current;
        chunkSlices = chunks.map((chunk) => ({
          partition: current.partition ?? {},
          cursor_slice: current.cursor_slice ?? {},
          extra_fields: { query_properties: chunk },
        }));
      }
      for (const chunkSlice of chunkSlices) {
        let context: PageContext | undefined;
        let extracted = 0;
        let ignored = true;
        for await (
          const result of readPages({
            stream: run.stream,
            requester,
            ctx: { ...ctx, maxPages: 1 },
            parts: { path: "", query: {}, headers: {} },
            paginator: {
              initialToken: () => token,
              nextToken: (pageContext) => {
                context = pageContext;
                return undefined;
              },
              apply: (_parts, t) => core.parts(chunkSlice, t),
            },
            buildRequest: (parts, signal) => core.buildRequest(parts, signal),
            decode: (response) => core.decoder(response),
            select: (document, info) => {
              const out = core.select(document, info.response, slice, info.token);
              extracted += core.lastExtracted();
              return out;
            },
            isIgnored: (response) => core.isIgnored(response),
          })
        ) {
          ignored = result.ignored;
          const now: RecordData[] = [];
          for (const record of result.records) {
            const key = qp.mergeKey?.(record);
            if (key !== undefined) {
              let target = merged.get(key);
              if (!target) merged.set(key, target = {});
              deepMerge(target, record);
            } else {
              tracker.observe(record, slice);
              emitted++;
              lastRecord = record;
              now.push(record);
            }
          }
          const out = core.postFilter ? now.filter((r) => core.postFilter!(r, slice)) : now;
          if (out.length > 0) yield out;
        }
        last = { context, slice: chunkSlice, extracted, ignored };
      }
      const records: RecordData[] = [];
      for (const record of merged.values()) {
        tracker.observe(record, slice);
        emitted++;
        lastRecord = record;
        records.push(record);
      }
      const out = core.postFilter ? records.filter((r) => core.postFilter!(r, slice)) : records;
      if (out.length > 0) yield out;
    } catch (error) {
      if (!(error instanceof ResetRequested)) throw error;
      reset = true;
    }
    if (!reset && (!last?.context || last.ignored)) return;
    if (reset || tracker.hasReachedLimit()) {
      current = tracker.reduce(current, slice);
      token = core.paginatorFor(current).initialToken();
      seen.clear();
      ctx.observer?.onDecision?.({ stream: run.stream, message: "pagination restarts" });
      continue;
    }
    const { context, slice: lastSlice, extracted } = last!;
    const next = core.paginatorFor(lastSlice).nextToken({
      ...context!,
      lastPageSize: core.paginatorFor.countsExtracted ? extracted : emitted,
      lastRecord,
    });
    if (next === undefined || next === null) return;
    if (page >= maxPages) return;
    const key = tokenKey(next);
    if (seen.has(key) || key === tokenKey(token)) {
      throw new SpoutError(
        "pagination_loop",
        `stream ${run.stream}: the paginator returned a page token it already used (${
          ctx.masker.mask(key.slice(0, 120))
        }); stopping instead of looping. Check the paginator's cursor_value / stop_condition`,
      );
    }
    if (seen.size < 10_000) seen.add(key);
    token = next;
  }
}
