/**
 * Local sync: runs a read of a {@link Source} and writes it into a {@link Destination}, one stream after another,
 * resuming from the state stored with the data.
 *
 * - Incremental streams: records are committed together with each STATE that covers them (so an interruption
 *   keeps exactly the committed records, and the next run continues from the stored state).
 * - Full-refresh streams: the stream's records and its final state are committed together when the stream
 *   completes; until then the previous data stays visible, and a failed read leaves it untouched.
 * - A stream that fails (or an interrupted sync) drops its uncommitted records; the other streams still run.
 * @module
 */
import type { AirbyteCatalog, AirbyteMessage, ConfiguredAirbyteCatalog } from "../protocol/messages.ts";
import { NO_CURSOR_STATE } from "../protocol/messages.ts";
import { parseInputState } from "../protocol/state.ts";
import { readSource } from "../source/runner.ts";
import type { ReadContext, Source } from "../source/types.ts";
import type { JsonObject } from "../types.ts";
import { type Destination, streamKey, type StreamTarget } from "./types.ts";

/** Per-stream progress of a sync. */
export interface StreamProgress {
  /** Stream name (with namespace prefix when it has one). */
  name: string;
  /** Records read. */
  records: number;
  /** Pages read (when the stream reports pages). */
  pages: number;
  /** Records made durable. */
  committed: number;
  /** Where the stream is. */
  status: "pending" | "running" | "complete" | "failed" | "interrupted";
}

/** What {@link syncToDestination} returns and reports while running. */
export interface SyncSummary {
  /** Streams in catalog order. */
  streams: StreamProgress[];
  /** Records read in total. */
  records: number;
  /** Elapsed milliseconds (from `ctx.env.now`). */
  ms: number;
  /** True when every stream completed. */
  ok: boolean;
  /** Masked error messages (TRACE ERROR messages of the read). */
  errors: string[];
}

/** Options of {@link syncToDestination}. */
export interface SyncOptions {
  /**
   * `dedupe`: upsert by primary key where the stream has one; `append`: keep every record. Default: each
   * stream's `destination_sync_mode` (`append_dedup` dedupes).
   */
  mode?: "append" | "dedupe";
  /** Called after every record batch / state / status change (throttle in the caller). */
  onProgress?(summary: SyncSummary): void;
  /** Every message of the read that is not a RECORD or STATE (logs, traces, control). */
  onMessage?(message: AirbyteMessage): void | Promise<void>;
}

/**
 * The configured catalog a sync uses when none is given: every stream, incremental where it is supported,
 * `append_dedup` where the stream has a primary key and the mode is dedupe.
 *
 * @example
 * ```ts
 * import { defaultSyncCatalog } from "./sync.ts";
 * const catalog = defaultSyncCatalog({ streams: [
 *   { name: "a", json_schema: {}, supported_sync_modes: ["full_refresh", "incremental"], source_defined_primary_key: [["id"]] },
 *   { name: "b", json_schema: {}, supported_sync_modes: ["full_refresh"] },
 * ] });
 * if (catalog.streams.map((s) => s.sync_mode).join() !== "incremental,full_refresh") throw new Error();
 * ```
 */
export function defaultSyncCatalog(
  catalog: AirbyteCatalog,
  mode: "append" | "dedupe" = "dedupe",
): ConfiguredAirbyteCatalog {
  return {
    streams: catalog.streams.map((stream) => {
      const incremental = stream.supported_sync_modes.includes("incremental");
      const keyed = (stream.source_defined_primary_key?.length ?? 0) > 0;
      return {
        stream,
        sync_mode: incremental ? "incremental" : "full_refresh",
        destination_sync_mode: !incremental
          ? "overwrite"
          : mode === "dedupe" && keyed
          ? "append_dedup"
          : "append",
        ...(stream.default_cursor_field ? { cursor_field: [...stream.default_cursor_field] } : {}),
        ...(keyed ? { primary_key: stream.source_defined_primary_key!.map((p) => [...p]) } : {}),
      };
    }),
  };
}

function targetsOf(catalog: ConfiguredAirbyteCatalog, mode: "append" | "dedupe" | undefined): StreamTarget[] {
  return catalog.streams.map((configured) => {
    const s = configured.stream;
    const primaryKey = configured.primary_key ?? s.source_defined_primary_key;
    const target: StreamTarget = {
      name: s.name,
      syncMode: configured.sync_mode,
      dedupe: mode === undefined ? configured.destination_sync_mode === "append_dedup" : mode === "dedupe",
      jsonSchema: s.json_schema,
    };
    if (s.namespace !== undefined) target.namespace = s.namespace;
    if (primaryKey && primaryKey.length > 0) target.primaryKey = primaryKey;
    return target;
  });
}

/**
 * Runs the read and writes it into `destination` (which is opened here and closed at the end). The state
 * stored in the destination is the input state, except for full-refresh streams, which always start over.
 *
 * @example
 * ```ts
 * import { syncToDestination } from "./sync.ts";
 * import { openSqliteDestination } from "./sqlite.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * import type { StreamMessage } from "../source/types.ts";
 * const source = {
 *   spec: () => Promise.resolve({ connectionSpecification: {} }),
 *   check: () => Promise.resolve({ status: "SUCCEEDED" as const }),
 *   streams: () => Promise.resolve([{
 *     name: "users", primaryKey: [["id"]], cursorField: ["id"],
 *     jsonSchema: () => Promise.resolve({}),
 *     read: async function* (): AsyncGenerator<StreamMessage> {
 *       yield { type: "record", data: { id: 1 } };
 *       yield { type: "state", state: { id: 1 } };
 *     },
 *   }]),
 * };
 * const catalog = { streams: [{
 *   stream: { name: "users", json_schema: {}, supported_sync_modes: ["incremental" as const] },
 *   sync_mode: "incremental" as const, destination_sync_mode: "append" as const,
 * }] };
 * const dest = await openSqliteDestination(":memory:");
 * const summary = await syncToDestination(source, {}, catalog, dest, { env: fakeEnv(), masker: new SecretMasker() });
 * if (!summary.ok || summary.streams[0].committed !== 1) throw new Error(JSON.stringify(summary));
 * ```
 */
export async function syncToDestination(
  source: Source,
  config: JsonObject,
  catalog: ConfiguredAirbyteCatalog,
  destination: Destination,
  ctx: ReadContext,
  options: SyncOptions = {},
): Promise<SyncSummary> {
  const mode = options.mode;
  const started = ctx.env.now();
  const targets = targetsOf(catalog, mode);
  const byKey = new Map(targets.map((t) => [streamKey(t), t]));
  const progress = new Map<string, StreamProgress>(
    targets.map((
      t,
    ) => [streamKey(t), { name: streamKey(t), records: 0, pages: 0, committed: 0, status: "pending" }]),
  );
  const summary: SyncSummary = { streams: [...progress.values()], records: 0, ms: 0, ok: false, errors: [] };
  const report = () => {
    summary.ms = ctx.env.now() - started;
    options.onProgress?.(summary);
  };
  try {
    const stored = await destination.open(targets);
    // Full-refresh streams start over: only incremental streams get their stored state back.
    const incrementalState = stored.filter((message) => {
      const d = message.stream?.stream_descriptor;
      return d !== undefined && byKey.get(streamKey(d))?.syncMode === "incremental";
    });
    const state = parseInputState(incrementalState);
    const observer = ctx.observer;
    const readCtx: ReadContext = {
      ...ctx,
      observer: {
        ...observer,
        onPage: (event) => {
          const p = progress.get(event.stream);
          if (p) p.pages++;
          report();
          observer?.onPage?.(event);
        },
      },
    };
    let uncommitted = 0;
    const pendingState = new Map<string, JsonObject>();
    const lastState = new Map<string, JsonObject>();
    for await (
      const message of readSource(source, config, catalog, state, readCtx, { streamConcurrency: 1 })
    ) {
      if (message.type === "RECORD") {
        const record = message.record;
        const descriptor = { name: record.stream, namespace: record.namespace };
        const p = progress.get(streamKey(descriptor));
        const wait = destination.write(descriptor, record.data, record.emitted_at);
        if (wait) await wait;
        uncommitted++;
        summary.records++;
        if (p) {
          p.records++;
          if (p.records % 500 === 0) report();
        }
        continue;
      }
      if (message.type === "STATE") {
        const streamState = message.state.stream;
        if (!streamState) continue;
        const descriptor = streamState.stream_descriptor;
        const key = streamKey(descriptor);
        const blob = streamState.stream_state ?? {};
        if (byKey.get(key)?.syncMode === "full_refresh") {
          pendingState.set(key, blob);
          continue;
        }
        await destination.commit(descriptor, blob, false);
        lastState.set(key, blob);
        const p = progress.get(key);
        if (p) p.committed += uncommitted;
        uncommitted = 0;
        report();
        continue;
      }
      if (message.type === "TRACE" && message.trace.type === "STREAM_STATUS" && message.trace.stream_status) {
        const descriptor = message.trace.stream_status.stream_descriptor;
        const key = streamKey(descriptor);
        const p = progress.get(key);
        const status = message.trace.stream_status.status;
        if (status === "STARTED") {
          await destination.beginStream(descriptor);
          if (p) p.status = "running";
        } else if (status === "COMPLETE") {
          const full = byKey.get(key)?.syncMode === "full_refresh";
          const final = full
            ? pendingState.get(key) ?? { ...NO_CURSOR_STATE }
            : lastState.get(key) ?? state.get(descriptor) ?? {};
          await destination.commit(descriptor, final, true);
          if (p) p.committed += uncommitted;
          uncommitted = 0;
          if (p) p.status = "complete";
        } else if (status === "INCOMPLETE") {
          await destination.discard();
          uncommitted = 0;
          if (p) p.status = ctx.signal?.aborted ? "interrupted" : "failed";
        }
        report();
      } else if (message.type === "TRACE" && message.trace.type === "ERROR" && message.trace.error) {
        summary.errors.push(message.trace.error.message);
      }
      const wait = options.onMessage?.(message);
      if (wait) await wait;
    }
    await destination.discard();
  } finally {
    await destination.close();
  }
  summary.ok = summary.errors.length === 0 && summary.streams.every((s) => s.status === "complete");
  summary.ms = ctx.env.now() - started;
  return summary;
}
