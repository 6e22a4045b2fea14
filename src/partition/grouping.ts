/**
 * Airbyte's `GroupingPartitionRouter`: batches the partitions of another router into groups.
 * @module
 */
import { SpoutError } from "../errors.ts";
import type { ReadContext, StreamSlice } from "../source/types.ts";
import type { JsonObject } from "../types.ts";
import { partitionKey } from "./types.ts";
import type { PartitionRouter } from "./types.ts";

/** Options of {@link GroupingPartitionRouter}. */
export interface GroupingPartitionRouterOptions {
  /** The router whose partitions are grouped (one key per partition, plus `parent_slice`). */
  underlying: PartitionRouter;
  /** Partitions per group. */
  groupSize: number;
  /** Skip values already seen (default true). */
  deduplicate?: boolean;
}

/**
 * Groups partitions: `{id: 1}`, `{id: 2}` become `{id: [1, 2]}`.
 *
 * @example
 * ```ts
 * import { GroupingPartitionRouter } from "./grouping.ts";
 * import { ListPartitionRouter } from "./list.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * const router = new GroupingPartitionRouter({
 *   underlying: new ListPartitionRouter({ values: [1, 2, 2, 3], cursorField: "id" }),
 *   groupSize: 2,
 * });
 * const groups: unknown[] = [];
 * for await (const s of router.partitions({ env: fakeEnv(), masker: new SecretMasker() })) groups.push(s.partition.id);
 * if (JSON.stringify(groups) !== "[[1,2],[3]]") throw new Error(JSON.stringify(groups));
 * ```
 */
export class GroupingPartitionRouter implements PartitionRouter {
  readonly #options: GroupingPartitionRouterOptions;
  #state: JsonObject | undefined;

  /** Creates the instance from its options. */
  constructor(options: GroupingPartitionRouterOptions) {
    if (!(options.groupSize >= 1)) throw new SpoutError("manifest_invalid", "group_size must be at least 1");
    this.#options = options;
  }

  /** Grouped partitions, lazily. */
  async *partitions(
    ctx: ReadContext,
    parentState?: JsonObject,
  ): AsyncGenerator<StreamSlice, void, undefined> {
    const { underlying, groupSize } = this.#options;
    const dedupe = this.#options.deduplicate ?? true;
    const seen = new Set<string>();
    let batch: StreamSlice[] = [];
    for await (const slice of underlying.partitions(ctx, parentState)) {
      const keys = Object.keys(slice.partition).filter((k) => k !== "parent_slice");
      if (keys.length !== 1) {
        throw new SpoutError(
          "manifest_invalid",
          `GroupingPartitionRouter expects one partition key, got ${
            JSON.stringify(Object.keys(slice.partition))
          }`,
        );
      }
      const key = partitionKey(slice.partition[keys[0]]);
      if (dedupe && seen.has(key)) continue;
      batch.push(slice);
      if (dedupe) seen.add(key);
      if (batch.length === groupSize) {
        this.#state = underlying.parentState?.();
        yield group(batch);
        batch = [];
      }
    }
    this.#state = underlying.parentState?.();
    if (batch.length > 0) yield group(batch);
  }

  /** The underlying router's parent state as of the last group. */
  parentState(): JsonObject | undefined {
    return this.#state;
  }
}

function group(batch: StreamSlice[]): StreamSlice {
  const partition: { [key: string]: unknown } = {};
  for (const key of Object.keys(batch[0].partition)) partition[key] = batch.map((p) => p.partition[key]);
  const extraKeys = new Set<string>();
  for (const p of batch) for (const k of Object.keys(p.extra_fields ?? {})) extraKeys.add(k);
  const extra: { [key: string]: unknown } = {};
  for (const key of extraKeys) extra[key] = batch.map((p) => p.extra_fields?.[key] ?? null);
  return { partition, cursor_slice: {}, extra_fields: extra };
}
