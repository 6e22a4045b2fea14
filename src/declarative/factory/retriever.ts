/**
 * SimpleRetriever: for each slice, build the request (requester inputs + slicer request options + paginator
 * token), send it through the requester chain, decode, select records, paginate — using the shared page loop
 * (`readPages`), exactly like the code API's HttpStream.
 * @module
 */
import { readPages } from "../../source/page_reader.ts";
import type { StreamSlice } from "../../source/types.ts";
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

/** What a retriever factory returns. */
export interface BuiltRetriever extends Required<SliceReader> {
  /** The retriever's requester component (for substream parents and checks). */
  readonly requester: Component;
}

/** Options computed by the stream factory. */
export interface RetrieverOptions {
  /** Stream name. */
  name: string;
  /** Schema of records (schema normalisation). */
  schema?: () => Promise<{ [key: string]: unknown }>;
  /** Stream-level transformations. */
  transformations?: unknown;
  /** True when the cursor filters records client-side. */
  clientSideIncremental?: boolean;
  /** Data feed (`is_data_feed`): post-pagination filter and stop at the first already-synced record. */
  dataFeed?: boolean;
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
  const inputs = compileRequestInputs(ctx, requester, requesterPath);
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

  return {
    requester,
    async *readSlice(slice: StreamSlice, run: RunContext): AsyncIterable<RecordData> {
      for await (const records of this.readSlicePages!(slice, run)) yield* records;
    },
    async *readSlicePages(slice: StreamSlice, run: RunContext): AsyncIterable<RecordData[]> {
      const requesterFn = customRequester ? customRequester(chain(run)) : chain(run);
      const paginator = paginatorFor(slice);
      let extracted = 0;
      let deferred: { error: unknown } | undefined;
      const baseVars = requestVars(slice, undefined);
      const cursor = run.cursor;
      await selector.prepare();
      for await (
        const page of readPages({
          stream: options.name,
          requester: requesterFn,
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
            apply(_parts, token) {
              const vars = token === undefined ? baseVars : requestVars(slice, token);
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
          },
          buildRequest: (parts, signal) => toRequest(parts, inputs.method, signal, run),
          decode: decoder,
          select: (document, info) => {
            const out = selector.select(document, info.response, slice, info.token, cursor);
            extracted += selector.lastExtracted();
            return out;
          },
          isIgnored: chain.isIgnored,
          postFilter: options.dataFeed && cursor?.shouldSync
            ? (r) => cursor.shouldSync!(r, slice)
            : undefined,
          stopAfter: options.dataFeed && cursor?.shouldSync
            ? (r) => !cursor.shouldSync!(r, slice)
            : undefined,
        })
      ) {
        if (page.records.length > 0) yield page.records;
      }
      if (deferred) throw deferred.error;
    },
  };
}
