/**
 * The contracts between streams, sources and the read loop. The code API (`HttpStream`) and the declarative
 * factory both produce objects of these shapes; the runner (`runner.ts`) turns them into Airbyte messages.
 * @module
 */
import type { Env } from "../env.ts";
import type { SecretMasker } from "../secrets.ts";
import type { JsonObject, JsonSchema, RecordData } from "../types.ts";

/** Airbyte sync modes. */
export type SyncMode = "full_refresh" | "incremental";

/**
 * One unit of work of a stream: the partition part (list value, parent record ids) and the cursor part
 * (a datetime window). Shaped like Airbyte's `StreamSlice`: templates see `stream_slice` as the merge of
 * both and `stream_partition` as `partition`.
 */
export interface StreamSlice {
  /** Partition values, e.g. `{ parent_id: 7 }` or `{ region: "eu" }`. */
  partition: { [key: string]: unknown };
  /** Cursor window values, e.g. `{ start_time: "…", end_time: "…" }`. */
  cursor_slice: { [key: string]: unknown };
  /** Extra values that templates may use but that are not part of the partition's identity. */
  extra_fields?: { [key: string]: unknown };
}

/** Optional hooks into a read, used by test-read (request log), progress output and metrics. */
export interface ReadObserver {
  /** Called after each HTTP exchange (URL and headers already masked). */
  onExchange?(exchange: {
    stream?: string;
    method: string;
    url: string;
    status: number;
    ms: number;
    requestHeaders: Record<string, string>;
    responseHeaders: Record<string, string>;
  }): void;
  /** Called when a page has been read. */
  onPage?(event: { stream: string; records: number; nextToken?: unknown }): void;
  /** Free-form decisions (paginator stops, cursor moves) for humans. */
  onDecision?(event: { stream: string; message: string }): void;
}

/** What every stream read gets: injected effects, masking, cancellation and limits. */
export interface ReadContext {
  /** Time, sleep, random, fetch, log. */
  env: Env;
  /** Masks secrets in anything printed. */
  masker: SecretMasker;
  /** Aborts the read (SIGINT/SIGTERM, test limits). */
  signal?: AbortSignal;
  /** Upper bound of partitions read at once (default 1 = sequential). */
  concurrency?: number;
  /** Stop a stream after this many pages per partition (test-read). */
  maxPages?: number;
  /** Stop a stream after this many records (test-read). */
  maxRecords?: number;
  /** Called when a connector rotates credentials (becomes an Airbyte CONTROL message). */
  onConfigUpdate?(config: JsonObject): void;
  /** Optional observation hooks. */
  observer?: ReadObserver;
}

/**
 * What a stream yields while reading: records (one at a time, or a page of them as `records`, in order), and
 * state checkpoints that cover every record before them. Consumers must handle both record shapes; the
 * built-in streams yield one `records` batch per page (never empty), code streams may yield single records.
 */
export type StreamMessage =
  | {
    type: "record";
    data: RecordData;
    /** The partition of the slice the record was read from (substream routers use it as `parent_slice`). */
    partition?: { [key: string]: unknown };
  }
  | {
    type: "records";
    /** The records of one page, in order (at least one). */
    data: RecordData[];
    /** The partition of the slice the records were read from (as for `record`). */
    partition?: { [key: string]: unknown };
  }
  | { type: "state"; state: JsonObject }
  | { type: "log"; level: "INFO" | "WARN" | "DEBUG" | "ERROR"; message: string };

/** How the runner asks a stream to read. */
export interface ReadOptions {
  /** The configured sync mode. */
  syncMode: SyncMode;
  /** The configured cursor field (user-chosen when the source does not define one). */
  cursorField?: string[];
  /** The incoming `stream_state` for this stream, if any. */
  state?: JsonObject;
}

/** A stream of records, the unit of a catalog. */
export interface Stream {
  /** Stream name as in the catalog. */
  readonly name: string;
  /** Optional namespace. */
  readonly namespace?: string;
  /** Primary key as a list of field paths. */
  readonly primaryKey?: string[][];
  /** The default cursor field; a stream with one supports incremental sync. */
  readonly cursorField?: string[];
  /** Whether the source decides the cursor (true when `cursorField` is set). */
  readonly sourceDefinedCursor?: boolean;
  /** JSON schema of records. */
  jsonSchema(): Promise<JsonSchema>;
  /** Reads records and checkpoints. Must only yield a state after yielding every record it covers. */
  read(options: ReadOptions, ctx: ReadContext): AsyncIterable<StreamMessage>;
}

/** Airbyte's connector specification. */
export interface ConnectorSpec {
  /** JSON schema of the config. */
  connectionSpecification: JsonSchema;
  /** Link to docs. */
  documentationUrl?: string;
  /** OAuth / advanced auth metadata, passed through as given. */
  advanced_auth?: JsonObject;
  /** Other spec fields passed through (e.g. supportsIncremental). */
  [key: string]: unknown;
}

/** Result of `check`. */
export interface ConnectionStatus {
  /** Outcome. */
  status: "SUCCEEDED" | "FAILED";
  /** Reason on failure. */
  message?: string;
}

/** A source: spec, check and the streams for a config. */
export interface Source {
  /** The connector specification. */
  spec(): Promise<ConnectorSpec>;
  /** Checks that the config can reach the API (never throws for bad credentials; returns FAILED). */
  check(config: JsonObject, ctx: ReadContext): Promise<ConnectionStatus>;
  /** The streams this config exposes. */
  streams(config: JsonObject, ctx: ReadContext): Promise<Stream[]>;
}
