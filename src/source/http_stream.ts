/**
 * `HttpStream`: the typed code API for REST streams, mirroring the Python CDK's `HttpStream` in TypeScript
 * idiom. Subclasses say what the API looks like (`urlBase`, `path`, `requestParams`, `parseResponse`,
 * `nextPageToken`); the class runs the shared page loop, middleware (retry, auth, body cap), slices with
 * bounded concurrency and ordered state checkpoints.
 * @module
 */
import { compose, type Middleware, type Requester } from "../http/requester.ts";
import { followRedirects } from "../http/redirect.ts";
import { retry } from "../http/retry.ts";
import { timeout } from "../http/timeout.ts";
import { cacheFor, cacheSummary, type ResponseCache } from "../http/cache.ts";
import type { SliceCursor } from "../incremental/types.ts";
import { FinalStateCursor } from "../incremental/types.ts";
import type { Paginator, RequestParts } from "../pagination/types.ts";
import type { JsonObject, JsonSchema, RecordData } from "../types.ts";
import { readPages } from "./page_reader.ts";
import { readSlices } from "./read_slices.ts";
import { buildRequest } from "./request_builder.ts";
import type { ReadContext, ReadOptions, Stream, StreamMessage, StreamSlice } from "./types.ts";

/** Query parameter values `requestParams` may return (undefined/null are dropped; arrays repeat the key). */
export type ParamValue = string | number | boolean | null | undefined | readonly (string | number)[];

/** What request hooks receive. */
export interface HttpRequestContext {
  /** The slice being read. */
  slice: StreamSlice;
  /** The stream state when the slice started. */
  state: JsonObject;
  /** The page token (undefined for the first page). */
  pageToken: unknown;
  /** The read context. */
  read: ReadContext;
}

/** What `parseResponse` receives besides the body. */
export interface ParseContext extends HttpRequestContext {
  /** The response (body already consumed). */
  response: Response;
}

/** What `nextPageToken` receives. */
export interface NextPageContext {
  /** The response (body consumed). */
  response: Response;
  /** The decoded body. */
  body: unknown;
  /** Records parsed from the page. */
  records: RecordData[];
  /** Token of this page. */
  pageToken: unknown;
  /** The slice being read. */
  slice: StreamSlice;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The default code-stream cursor: state updated record by record with `getUpdatedState` and checkpointed
 * after each slice (like the Python CDK's HttpStream). Slices are read sequentially with it, because the
 * hook folds records in arrival order.
 */
class RecordStateCursor implements SliceCursor {
  #state: JsonObject;
  #sinceCheckpoint = 0;
  #checkpointed = false;
  constructor(
    state: JsonObject,
    readonly slicesOf: (ctx: ReadContext) => AsyncIterable<StreamSlice> | Iterable<StreamSlice>,
    readonly update: (current: JsonObject, record: RecordData) => JsonObject,
    readonly checkpointInterval: number | undefined,
  ) {
    this.#state = { ...state };
  }
  slices(ctx: ReadContext): AsyncIterable<StreamSlice> | Iterable<StreamSlice> {
    return this.slicesOf(ctx);
  }
  observe(record: RecordData): JsonObject | undefined {
    this.#state = this.update(this.#state, record);
    this.#checkpointed = false;
    if (this.checkpointInterval && ++this.#sinceCheckpoint >= this.checkpointInterval) {
      this.#sinceCheckpoint = 0;
      this.#checkpointed = true;
      return this.state();
    }
    return undefined;
  }
  close(): JsonObject | undefined {
    this.#sinceCheckpoint = 0;
    // nothing new since the mid-slice checkpoint just emitted
    if (this.#checkpointed) return undefined;
    return this.state();
  }
  finalState(): JsonObject {
    return this.state();
  }
  state(): JsonObject {
    return structuredClone(this.#state);
  }
}

/**
 * Base class of REST streams written in code.
 *
 * @example
 * ```ts
 * import { HttpStream, type HttpRequestContext } from "./http_stream.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * class Items extends HttpStream {
 *   readonly name = "items";
 *   readonly urlBase = "http://api.test/";
 *   path(): string {
 *     return "items";
 *   }
 *   override requestParams({ pageToken }: HttpRequestContext) {
 *     return { page: (pageToken as number | undefined) ?? 1 };
 *   }
 *   parseResponse(body: unknown) {
 *     return (body as { items: { id: number }[] }).items;
 *   }
 *   override nextPageToken({ body, pageToken }: { body: unknown; pageToken: unknown }) {
 *     return (body as { more: boolean }).more ? ((pageToken as number | undefined) ?? 1) + 1 : undefined;
 *   }
 * }
 * const fetch = (req: Request) => {
 *   const page = Number(new URL(req.url).searchParams.get("page"));
 *   return Promise.resolve(Response.json({ items: [{ id: page }], more: page < 2 }));
 * };
 * const ids: unknown[] = [];
 * for await (const m of new Items().read({ syncMode: "full_refresh" }, { env: fakeEnv({ fetch }), masker: new SecretMasker() })) {
 *   if (m.type === "records") ids.push(...m.data.map((r) => r.id)); // one `records` message per page
 * }
 * if (ids.join() !== "1,2") throw new Error(ids.join());
 * ```
 */
export abstract class HttpStream implements Stream {
  /** Stream name. */
  abstract readonly name: string;
  /** Base URL of the API. */
  abstract readonly urlBase: string;
  /** Primary key (list of field paths). */
  readonly primaryKey?: string[][];
  /** Default cursor field; set it to make the stream incremental. */
  readonly cursorField?: string[];
  /** HTTP method. */
  readonly httpMethod: "GET" | "POST" | "PUT" | "PATCH" = "GET";
  /** JSON schema of records (default: any object). */
  readonly schema?: JsonSchema;
  /**
   * Cache GET responses in memory for the life of this stream object (one read when `streams()` builds new
   * streams per read): a parent read again by each child stream repeats no request. The read ends with a
   * LOG line of hit/miss counts.
   */
  readonly useCache: boolean = false;
  /** Slices read at once (default: `ctx.concurrency` for custom cursors, 1 with `getUpdatedState`). */
  readonly concurrency?: number;
  /**
   * Incremental reads also checkpoint every this many records within a slice (Python's
   * `state_checkpoint_interval`); only correct when records come sorted by the cursor field.
   */
  readonly stateCheckpointInterval?: number;
  /** Drops records the cursor says are already synced (`SliceCursor.shouldSync`), for APIs without filters. */
  readonly clientSideIncremental: boolean = false;

  /** Whether the source defines the cursor. */
  get sourceDefinedCursor(): boolean {
    return this.cursorField !== undefined;
  }

  /** The records' JSON schema. */
  jsonSchema(): Promise<JsonSchema> {
    return Promise.resolve(
      this.schema ?? { $schema: "http://json-schema.org/draft-07/schema#", type: "object", properties: {} },
    );
  }

  /** Path relative to `urlBase` (an absolute URL is used as is, e.g. a next-page link). */
  abstract path(ctx: HttpRequestContext): string;

  /** Query parameters. */
  requestParams(_ctx: HttpRequestContext): Record<string, ParamValue> {
    return {};
  }

  /** Request headers. */
  requestHeaders(_ctx: HttpRequestContext): Record<string, string> {
    return {};
  }

  /** JSON body (POST/PUT/PATCH). */
  requestBodyJson(_ctx: HttpRequestContext): Record<string, unknown> | undefined {
    return undefined;
  }

  /** Form body (POST/PUT/PATCH); mutually exclusive with `requestBodyJson`. */
  requestBodyForm(_ctx: HttpRequestContext): Record<string, string> | undefined {
    return undefined;
  }

  /** Records of one decoded response body. */
  abstract parseResponse(body: unknown, ctx: ParseContext): Iterable<RecordData>;

  /** Token of the next page, or undefined to stop (default: a single page). */
  nextPageToken(_page: NextPageContext): unknown {
    return undefined;
  }

  /** Decodes a response into documents (default: one JSON document). */
  decode?(response: Response): AsyncIterable<unknown>;

  /** Authentication middleware (runs on every attempt, inside the retry layer). */
  authenticator(_ctx: ReadContext): Middleware | undefined {
    return undefined;
  }

  /**
   * Middleware outside authentication (default: retry with full-jitter backoff and `Retry-After`). Bodies are
   * capped by the decoder (`decodeJson` reads at most 256 MiB).
   */
  middleware(ctx: ReadContext): Middleware[] {
    return [retry({ env: ctx.env, masker: ctx.masker })];
  }

  /**
   * The requester: `ctx.env.fetch` wrapped in `middleware()`, then `authenticator()`, then redirects (credentials
   * stripped cross-origin) and default timeouts.
   */
  requester(ctx: ReadContext): Requester {
    const auth = this.authenticator(ctx);
    const transport = [followRedirects({ masker: ctx.masker }), timeout()];
    const requester = compose(ctx.env.fetch, ...this.middleware(ctx), ...(auth ? [auth] : []), ...transport);
    return this.useCache ? cacheFor(this).middleware()(requester) : requester;
  }

  /** Slices to read (default: one empty slice). */
  slices(_options: ReadOptions, _ctx: ReadContext): AsyncIterable<StreamSlice> | Iterable<StreamSlice> {
    return [{ partition: {}, cursor_slice: {} }];
  }

  /**
   * Incremental state after a record (Python's `get_updated_state`). Default: the maximum of the cursor
   * field (numbers numerically, anything else as strings).
   */
  getUpdatedState(current: JsonObject, record: RecordData): JsonObject {
    const field = (this.cursorField ?? [])[0];
    if (field === undefined) return current;
    const value = record[field];
    if (value === undefined || value === null) return current;
    const previous = current[field];
    if (previous === undefined || previous === null || compare(value, previous) > 0) {
      return { ...current, [field]: value as JsonObject[string] };
    }
    return current;
  }

  /**
   * The cursor of one read. Default: for incremental reads with a cursor field, state via
   * `getUpdatedState` checkpointed after every slice; otherwise the no-cursor final state. Override to use
   * e.g. a `DatetimeCursor` (then slices come from the cursor).
   */
  createCursor(options: ReadOptions, _ctx: ReadContext): SliceCursor {
    const cursorField = options.cursorField ?? this.cursorField;
    if (options.syncMode === "incremental" && cursorField && cursorField.length > 0) {
      return new RecordStateCursor(
        options.state ?? {},
        (ctx) => this.slices(options, ctx),
        (current, record) => this.getUpdatedState(current, record),
        this.stateCheckpointInterval,
      );
    }
    return new FinalStateCursor((ctx) => this.slices(options, ctx));
  }

  /** Builds the request parts of one page. */
  requestParts(ctx: HttpRequestContext): RequestParts {
    const query: Record<string, string | string[]> = {};
    for (const [key, value] of Object.entries(this.requestParams(ctx))) {
      if (value === undefined || value === null) continue;
      query[key] = Array.isArray(value) ? value.map(String) : String(value);
    }
    return {
      path: this.path(ctx),
      query,
      headers: { ...this.requestHeaders(ctx) },
      json: this.requestBodyJson(ctx),
      form: this.requestBodyForm(ctx),
    };
  }

  /** Reads the records of one slice through the shared page loop, page by page. */
  async *readSlicePages(
    slice: StreamSlice,
    state: JsonObject,
    cursor: SliceCursor,
    requester: Requester,
    ctx: ReadContext,
    signal?: AbortSignal,
  ): AsyncGenerator<RecordData[], void, undefined> {
    const hookCtx = (pageToken: unknown): HttpRequestContext => ({ slice, state, pageToken, read: ctx });
    const paginator: Paginator = {
      initialToken: () => undefined,
      nextToken: (page) =>
        this.nextPageToken({
          response: page.response,
          body: page.body,
          records: page.records,
          pageToken: page.token,
          slice,
        }),
      apply: (_parts, token) => {
        const parts = this.requestParts(hookCtx(token));
        return cursor.applyToRequest ? cursor.applyToRequest(parts, slice) : parts;
      },
    };
    const initial = this.requestParts(hookCtx(undefined));
    const pages = readPages({
      stream: this.name,
      requester,
      buildRequest: (parts, sig) =>
        buildRequest(parts, { urlBase: this.urlBase, method: this.httpMethod, signal: sig }),
      parts: initial,
      paginator,
      decode: this.decode ? (response) => this.decode!(response) : undefined,
      select: (document, info) =>
        this.parseResponse(document, { ...hookCtx(info.token), response: info.response }),
      ctx: signal ? { ...ctx, signal } : ctx,
    });
    for await (const page of pages) yield page.records;
  }

  /** Reads the stream: records and ordered state checkpoints. */
  read(options: ReadOptions, ctx: ReadContext): AsyncIterable<StreamMessage> {
    // Lazy: the cursor and requester are built when iteration starts (errors surface while iterating).
    return {
      [Symbol.asyncIterator]: () => {
        const cursor = this.createCursor(options, ctx);
        const requester = this.requester(ctx);
        const sequential = cursor instanceof RecordStateCursor;
        const messages = readSlices({
          cursor,
          ctx,
          clientSideFilter: this.clientSideIncremental && options.syncMode === "incremental",
          concurrency: sequential ? 1 : this.concurrency ?? ctx.concurrency,
          readSliceBatches: (slice, signal) =>
            this.readSlicePages(slice, cursor.state(), cursor, requester, ctx, signal),
        });
        return (this.useCache ? withCacheSummary(messages, cacheFor(this), this.name) : messages)[
          Symbol.asyncIterator
        ]();
      },
    };
  }
}

async function* withCacheSummary(
  messages: AsyncIterable<StreamMessage>,
  cache: ResponseCache,
  name: string,
): AsyncIterable<StreamMessage> {
  yield* messages;
  yield { type: "log", level: "INFO", message: `${name}: ${cacheSummary(cache)}` };
}
