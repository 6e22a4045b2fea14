/**
 * The contract between the local sync loop (`sync.ts`) and a local destination (SQLite, JSONL).
 *
 * A destination stores records and, with them, the state that covers them: {@link Destination.commit} makes
 * every record written since the previous commit durable together with one stream's state, atomically. A crash
 * therefore never loses committed records and never leaves records without the state that covers them.
 * @module
 */
import type { AirbyteStateMessage, StreamDescriptor } from "../protocol/messages.ts";
import type { SyncMode } from "../source/types.ts";
import type { JsonObject, JsonSchema, RecordData } from "../types.ts";

/** How a stream's records land in the destination. */
export interface StreamTarget {
  /** Stream name. */
  name: string;
  /** Optional namespace (table / file names become `namespace_name`). */
  namespace?: string;
  /** Primary key paths (needed for dedupe). */
  primaryKey?: string[][];
  /**
   * `full_refresh`: a complete read replaces the stream's data (at its final commit; a failed read leaves the
   * previous data). `incremental`: records are added at every commit.
   */
  syncMode: SyncMode;
  /** Upsert by primary key instead of appending (ignored without a primary key). */
  dedupe: boolean;
  /** JSON schema of records (column hints). */
  jsonSchema?: JsonSchema;
}

/** A local destination. Calls are sequential: one stream at a time between `beginStream` and its final commit. */
export interface Destination {
  /** A human label, e.g. `sqlite:./data/shop.db`. */
  readonly label: string;
  /** Opens (creating tables / files and recovering from a crash) and returns the state stored with the data. */
  open(streams: StreamTarget[]): Promise<AirbyteStateMessage[]>;
  /** Called when a stream starts; a full-refresh stream starts replacing its data here (not yet visible). */
  beginStream(stream: StreamDescriptor): Promise<void>;
  /** Adds one record (not durable until the next commit). */
  write(stream: StreamDescriptor, record: RecordData, emittedAt: number): void | Promise<void>;
  /**
   * Makes every record written since the previous commit durable together with `state` for `stream`, in one
   * atomic step. `final` marks the stream's last commit of this sync (full refresh swaps its data in then).
   */
  commit(stream: StreamDescriptor, state: JsonObject, final: boolean): Promise<void>;
  /** Drops every record written since the previous commit (a stream failed or the sync was interrupted). */
  discard(): Promise<void>;
  /** Closes files / the database (uncommitted records are dropped). */
  close(): Promise<void>;
}

/** The table / file stem of a stream: `name`, or `namespace_name`. */
export function streamKey(stream: StreamDescriptor): string {
  return stream.namespace ? `${stream.namespace}_${stream.name}` : stream.name;
}

/**
 * The primary-key value of a record as a JSON string (`undefined` when a key field is missing).
 *
 * @example
 * ```ts
 * import { primaryKeyOf } from "./types.ts";
 * if (primaryKeyOf({ id: 7, org: { id: "a" } }, [["id"], ["org", "id"]]) !== '[7,"a"]') throw new Error();
 * if (primaryKeyOf({ name: "x" }, [["id"]]) !== undefined) throw new Error("missing key");
 * ```
 */
export function primaryKeyOf(record: RecordData, primaryKey: string[][]): string | undefined {
  const values: unknown[] = [];
  for (const path of primaryKey) {
    let value: unknown = record;
    for (const part of path) {
      if (typeof value !== "object" || value === null || !Object.hasOwn(value, part)) return undefined;
      value = (value as Record<string, unknown>)[part];
    }
    if (value === undefined || value === null) return undefined;
    values.push(value);
  }
  return JSON.stringify(values);
}
