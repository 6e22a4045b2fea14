/**
 * Airbyte's `SubstreamPartitionRouter`: one partition per parent record, reading the parent lazily (a parent
 * record is fetched only when the next partition is needed), optionally incrementally with the parent's own
 * state kept in the child's `parent_state`.
 * @module
 */
import { getPath } from "../extract/dpath.ts";
import { pyTruthy } from "../extract/py_truthy.ts";
import type { RequestParts } from "../pagination/types.ts";
import { messageRecords } from "../source/stream_messages.ts";
import type { ReadContext, Stream, StreamSlice } from "../source/types.ts";
import type { JsonObject, RecordData } from "../types.ts";
import { injectRequestOption, type RequestOption } from "./request_option.ts";
import type { PartitionRouter } from "./types.ts";

/** One parent of a substream. */
export interface ParentStreamConfig {
  /** The parent stream. */
  stream: Stream;
  /** Path of the parent record value (dpath: `"id"` or `"data/id"`, or segments). */
  parentKey: string | string[];
  /** Partition key the value is stored under. */
  partitionField: string;
  /** Extra parent record fields passed as `extra_fields` (key: the path joined with `.`). */
  extraFields?: string[][];
  /** Injects the partition value into requests. */
  requestOption?: RequestOption;
  /** Read the parent incrementally and keep its state in the child's `parent_state`. */
  incrementalDependency?: boolean;
  /** Code API override: builds the partition from the parent record (default `{partitionField: value}`). */
  toPartition?(record: RecordData, parentPartition: { [key: string]: unknown }): StreamSlice | undefined;
}

function migratedParentState(parent: Stream, child: JsonObject | undefined): JsonObject | undefined {
  if (!child || Object.keys(child).length === 0) return undefined;
  const global = child.state;
  if (global && typeof global === "object" && !Array.isArray(global)) return global as JsonObject;
  if ("states" in child) return undefined;
  const values = Object.entries(child).filter(([k]) => k !== "__ab_no_cursor_state_message");
  const field = parent.cursorField?.[0];
  if (values.length !== 1 || field === undefined) return undefined;
  const value = values[0][1];
  return typeof value === "string" || typeof value === "number" ? { [field]: value } : undefined;
}

function segments(path: string | string[]): string[] {
  return Array.isArray(path) ? path : path.split("/").filter((s) => s !== "");
}

/**
 * Partitions from parent records.
 *
 * @example
 * ```ts
 * import { SubstreamPartitionRouter } from "./substream.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * import type { Stream } from "../source/types.ts";
 * const parent: Stream = {
 *   name: "orders",
 *   jsonSchema: () => Promise.resolve({}),
 *   async *read() {
 *     yield { type: "record", data: { id: 1 } };
 *     yield { type: "record", data: { id: 2 } };
 *   },
 * };
 * const router = new SubstreamPartitionRouter([{ stream: parent, parentKey: "id", partitionField: "order_id" }]);
 * const ids: unknown[] = [];
 * for await (const s of router.partitions({ env: fakeEnv(), masker: new SecretMasker() })) ids.push(s.partition.order_id);
 * if (ids.join() !== "1,2") throw new Error(ids.join());
 * ```
 */
export class SubstreamPartitionRouter implements PartitionRouter {
  readonly #parents: ParentStreamConfig[];
  #state: JsonObject = {};

  /** Creates the instance from its options. */
  constructor(parents: ParentStreamConfig[]) {
    if (parents.length === 0) {
      throw new TypeError("SubstreamPartitionRouter needs at least one parent stream");
    }
    this.#parents = parents;
  }

  /**
   * Parent states (`{parent_name: state}`) of incremental dependencies, as of the last partition yielded
   * (`{}` without incremental dependencies, like the reference).
   */
  parentState(): JsonObject {
    return structuredClone(this.#state);
  }

  /**
   * Reads the parents lazily and yields one partition per parent record with a non-null key. A dependent
   * parent missing from `parentState` starts, like the reference, from the child's global `state`, or from a
   * legacy child state holding a single cursor value.
   */
  async *partitions(
    ctx: ReadContext,
    parentState?: JsonObject,
    childState?: JsonObject,
  ): AsyncGenerator<StreamSlice, void, undefined> {
    const dependent = this.#parents.filter((p) => p.incrementalDependency);
    this.#state = {};
    for (const config of dependent) {
      const incoming = parentState?.[config.stream.name] ?? migratedParentState(config.stream, childState);
      if (incoming && typeof incoming === "object" && !Array.isArray(incoming)) {
        this.#state[config.stream.name] = structuredClone(incoming);
      }
    }
    for (const config of this.#parents) {
      const parent = config.stream;
      const keyPath = segments(config.parentKey);
      const incoming = config.incrementalDependency ? this.#state[parent.name] : undefined;
      const messages = parent.read(
        {
          syncMode: config.incrementalDependency ? "incremental" : "full_refresh",
          cursorField: parent.cursorField,
          state: incoming && typeof incoming === "object" && !Array.isArray(incoming)
            ? incoming as JsonObject
            : undefined,
        },
        ctx,
      );
      for await (const message of messages) {
        if (message.type === "state") {
          if (config.incrementalDependency) this.#state[parent.name] = message.state;
          continue;
        }
        if (message.type !== "record" && message.type !== "records") continue;
        const parentPartition = message.partition ?? {};
        for (const record of messageRecords(message)) {
          if (config.toPartition) {
            const slice = config.toPartition(record, parentPartition);
            if (slice) yield slice;
            continue;
          }
          const value = getPath(record, keyPath);
          if (value === undefined || value === null) continue;
          const extra: { [key: string]: unknown } = {};
          for (const path of config.extraFields ?? []) {
            const found = getPath(record, path);
            extra[path.join(".")] = found === undefined ? null : found;
          }
          yield {
            partition: { [config.partitionField]: value, parent_slice: parentPartition },
            cursor_slice: {},
            extra_fields: extra,
          };
        }
      }
    }
  }

  /** Injects partition values of parents with a request option (skipped when falsy, like the reference). */
  applyToRequest(parts: RequestParts, slice: StreamSlice): RequestParts {
    let out = parts;
    for (const config of this.#parents) {
      if (!config.requestOption) continue;
      const value = slice.partition[config.partitionField] ?? slice.cursor_slice[config.partitionField];
      if (pyTruthy(value)) out = injectRequestOption(out, config.requestOption, value);
    }
    return out;
  }
}
