/**
 * SimpleRetriever: for each slice, build the request (requester inputs + slicer request options + paginator
 * token), send it through the requester chain, decode, select records, paginate — using the shared page loop
 * (`readPages`), exactly like the code API's HttpStream. Query properties (one request per property chunk and
 * page, records merged by key) and pagination resets follow Airbyte's SimpleRetriever.
 * @module
 */
import { readPages } from "../../source/page_reader.ts";
import type { StreamSlice } from "../../source/types.ts";
import type { RequestParts } from "../../pagination/types.ts";
import { isObject, type RecordData } from "../../types.ts";
import { bool, type Component, type ComponentPath, type FactoryContext, invalid } from "./context.ts";
import { buildAuthParts } from "./auth.ts";
import { buildDecoder } from "./decoders.ts";
import { buildRequesterChain } from "./http.ts";
import { buildPaginator } from "./paginator.ts";
import { buildRecordSelector } from "./record_selector.ts";
import { compileRequestInputs, joinUrl, toRequest } from "./request_options.ts";
import { requestVars } from "./slices.ts";
import type { RunContext, SliceReader } from "./types.ts";
import { customComponent, isCustomComponent } from "../components_factory.ts";
import { buildQueryProperties, findQueryProperties } from "./query_properties.ts";
import { buildPaginationReset, PaginationTracker, type SliceReducer } from "./pagination_reset.ts";
import { readChunkedPages, type RetrieverCore } from "./chunked_pages.ts";

/** What a retriever factory returns. */
export interface BuiltRetriever extends Required<SliceReader> {
  /** The retriever's requester component (for substream parents and checks). */
  readonly requester: Component;
}

/** Options computed by the stream factory. */
export interface RetrieverOptions {
  /** Stream name. */
  name: string;
  /** Schema of records (schema normalisation, JsonSchemaPropertySelector). */
  schema?: () => Promise<{ [key: string]: unknown }>;
  /** Stream-level transformations. */
  transformations?: unknown;
  /** True when the cursor filters records client-side. */
  clientSideIncremental?: boolean;
  /** Data feed (`is_data_feed`): post-pagination filter and stop at the first already-synced record. */
  dataFeed?: boolean;
  /**
   * The stream's datetime cursor factory (`BuiltIncremental` of incremental.ts): pagination_reset
   * SPLIT_USING_CURSOR narrows slices with a fresh cursor of it, as the reference does. Without it, the read's
   * own cursor is used when it can narrow slices (a datetime cursor without partition router).
   */
  incremental?: { create(state: undefined, run: RunContext): SliceReducer };
}

/** What a datetime cursor offers to narrow slices (DatetimeCursor). */
interface NarrowingCursor {
  readonly cursorField: string;
  parse(value: unknown): { compare(other: never): number };
  reduceSliceRange(slice: StreamSlice, mostRecent?: unknown): StreamSlice;
}

/**
 * Narrows slices with the read's own cursor when it can (a datetime cursor without partition router). The most
 * recent value is tracked here, not observed into that cursor: its state only sees emitted records.
 */
function ownReducer(run: RunContext): SliceReducer | undefined {
  const cursor = run.cursor as Partial<NarrowingCursor> | undefined;
  if (
    typeof cursor?.reduceSliceRange !== "function" || typeof cursor.parse !== "function" ||
    typeof cursor.cursorField !== "string"
  ) return undefined;
  const c = cursor as NarrowingCursor;
  let best: { compare(other: never): number } | undefined;
  let raw: unknown = undefined;
  return {
    observe(record) {
      const value = record[c.cursorField];
      if (value === undefined || value === null) return;
      try {
        const parsed = c.parse(value);
        if (best === undefined || best.compare(parsed as never) < 0) {
          best = parsed;
          raw = value;
        }
      } catch {
        // unparseable values do not move the slice (the cursor warns about them when it observes)
      }
    },
    reduceSliceRange: (slice) => c.reduceSliceRange(slice, raw),
  };
}

/** Builds a SimpleRetriever. */
export function buildSimpleRetriever(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
  options: RetrieverOptions,
): BuiltRetriever {
  const requester = component.requester;
  if (!isObject(requester)) {
    return invalid(ctx, [...path, "requester"], "a SimpleRetriever needs a requester");
  }
  // CustomRequester: built like an HttpRequester from its fields; the registered middleware wraps it.
  const customRequester = isCustomComponent(requester)
    ? customComponent(ctx, requester, [...path, "requester"], "requester")
    : undefined;
  if (requester.type && requester.type !== "HttpRequester" && !customRequester) {
    invalid(ctx, [...path, "requester"], `requester type ${String(requester.type)} is not supported`);
  }
  const requesterPath = [...path, "requester"];
  const qpDeclaration = findQueryProperties(ctx, requester, requesterPath);
  const queryProperties = qpDeclaration
    ? buildQueryProperties(ctx, qpDeclaration, {
      schema: options.schema,
      buildRetriever: (c, at) => buildSimpleRetriever(ctx, c, at, { name: options.name }),
    })
    : undefined;
  const inputs = compileRequestInputs(ctx, requester, requesterPath, queryProperties?.key);
  const chain = buildRequesterChain(ctx, requester, requesterPath, options.name);
  const paginatorFor = buildPaginator(ctx, component.paginator, [...path, "paginator"], inputs);
  const decoder = buildDecoder(ctx, component.decoder ?? requester.decoder, [...path, "decoder"]);
  const selector = buildRecordSelector(ctx, component.record_selector, [...path, "record_selector"], {
    schema: options.schema,
    transformations: options.transformations,
    clientSideIncremental: options.clientSideIncremental,
  });
  const authParts = buildAuthParts(ctx, requester.authenticator, [...requesterPath, "authenticator"]);
  const ignoreSlicerOnPages = bool(component.ignore_stream_slicer_parameters_on_paginated_requests);
  const resetPolicy = buildPaginationReset(ctx, component, [...path, "pagination_reset"]);

  const core = (run: RunContext): RetrieverCore => {
    const cursor = run.cursor;
    return {
      requester: customRequester ? customRequester(chain(run)) : chain(run),
      paginatorFor,
      parts(slice: StreamSlice, token: unknown, paginator = paginatorFor(slice)): RequestParts {
        const vars = requestVars(slice, token);
        // Airbyte's order: requester options, then the paginator's, then the slicer's.
        let applied = inputs.parts(vars);
        if (authParts) applied = authParts(applied);
        applied = paginator.apply(applied, token);
        if ((token === undefined || !ignoreSlicerOnPages) && cursor?.applyToRequest) {
          applied = cursor.applyToRequest(applied, slice);
        }
        if (applied.url === undefined) applied.url = inputs.url(vars, applied.path || undefined);
        else if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(applied.url)) {
          applied.url = joinUrl(inputs.url(vars, ""), applied.url);
        }
        return applied;
      },
      buildRequest: (parts, signal) => toRequest(parts, inputs.method, signal, run),
      decoder,
      select: (document, response, slice, token) => selector.select(document, response, slice, token, cursor),
      lastExtracted: () => selector.lastExtracted(),
      isIgnored: chain.isIgnored,
      postFilter: options.dataFeed && cursor?.shouldSync ? (r, s) => cursor.shouldSync!(r, s) : undefined,
    };
  };

  const tracker = (run: RunContext): PaginationTracker | undefined => {
    if (!resetPolicy) return undefined;
    const reducer = resetPolicy.action === "SPLIT_USING_CURSOR"
      ? options.incremental?.create(undefined, run) ?? ownReducer(run)
      : undefined;
    return new PaginationTracker(reducer, resetPolicy.numberOfRecords);
  };

  return {
    requester,
    async *readSlice(slice: StreamSlice, run: RunContext): AsyncIterable<RecordData> {
      for await (const records of this.readSlicePages!(slice, run)) yield* records;
    },
    async *readSlicePages(slice: StreamSlice, run: RunContext): AsyncIterable<RecordData[]> {
      await selector.prepare();
      const c = core(run);
      const pageTracker = tracker(run);
      if (queryProperties) {
        yield* readChunkedPages(c, queryProperties, slice, run, pageTracker ?? new PaginationTracker());
        return;
      }
      let extracted = 0;
      let deferred: { error: unknown } | undefined;
      const cursor = run.cursor;
      let current = slice;
      let paginator = paginatorFor(slice);
      let resets = 0;
      for await (
        const page of readPages({
          stream: options.name,
          requester: c.requester,
          ctx: run.ctx,
          parts: { path: "", query: {}, headers: {} },
          paginator: {
            initialToken: () => paginator.initialToken(),
            nextToken: (page) => {
              const size = extracted;
              extracted = 0;
              try {
                return paginator.nextToken(
                  paginatorFor.countsExtracted ? { ...page, lastPageSize: size } : page,
                );
              } catch (error) {
                // Like the reference, the page's records are emitted before a paginator failure surfaces.
                deferred = { error };
                return undefined;
              }
            },
            apply: (_parts, token) => c.parts(current, token, paginator),
          },
          buildRequest: c.buildRequest,
          decode: decoder,
          select: (document, info) => {
            const out = c.select(document, info.response, slice, info.token);
            extracted += selector.lastExtracted();
            if (pageTracker) { for (const record of out) pageTracker.observe(record, slice); }
            return out;
          },
          isIgnored: chain.isIgnored,
          postFilter: c.postFilter ? (r) => c.postFilter!(r, slice) : undefined,
          stopAfter: options.dataFeed && cursor?.shouldSync
            ? (r) => !cursor.shouldSync!(r, slice)
            : undefined,
          reset: pageTracker
            ? {
              afterRecords: resetPolicy?.numberOfRecords,
              // The tracker decides the next slice (and refuses a restart without progress); the page loop
              // only needs parts that differ from the previous ones.
              parts: () => {
                current = pageTracker.reduce(current, slice);
                paginator = paginatorFor(current);
                extracted = 0;
                return { path: `#reset-${++resets}`, query: {}, headers: {} };
              },
            }
            : undefined,
        })
      ) {
        if (page.records.length > 0) yield page.records;
      }
      if (deferred) throw deferred.error;
    },
  };
}
