/**
 * Airbyte's `CartesianProductStreamSlicer`: every combination of the partitions of several routers.
 * @module
 */
import { SpoutError } from "../errors.ts";
import type { RequestParts } from "../pagination/types.ts";
import type { ReadContext, StreamSlice } from "../source/types.ts";
import type { JsonObject } from "../types.ts";
import type { PartitionRouter } from "./types.ts";

async function collect(iterable: AsyncIterable<StreamSlice> | Iterable<StreamSlice>): Promise<StreamSlice[]> {
  const out: StreamSlice[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/**
 * The cartesian product of routers. The first router is streamed; the others are materialised once (they are
 * usually short lists), like `itertools.product`.
 *
 * @example
 * ```ts
 * import { CartesianProductRouter } from "./cartesian.ts";
 * import { ListPartitionRouter } from "./list.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * const router = new CartesianProductRouter([
 *   new ListPartitionRouter({ values: ["a", "b"], cursorField: "x" }),
 *   new ListPartitionRouter({ values: [1, 2], cursorField: "y" }),
 * ]);
 * const out: string[] = [];
 * for await (const s of router.partitions({ env: fakeEnv(), masker: new SecretMasker() })) out.push(`${s.partition.x}${s.partition.y}`);
 * if (out.join() !== "a1,a2,b1,b2") throw new Error(out.join());
 * ```
 */
export class CartesianProductRouter implements PartitionRouter {
  readonly #routers: PartitionRouter[];

  /** Creates the instance from its options. */
  constructor(routers: PartitionRouter[]) {
    this.#routers = routers;
  }

  /** All combinations, in `itertools.product` order. */
  async *partitions(
    ctx: ReadContext,
    parentState?: JsonObject,
  ): AsyncGenerator<StreamSlice, void, undefined> {
    if (this.#routers.length === 0) return;
    const [first, ...rest] = this.#routers;
    const others: StreamSlice[][] = [];
    for (const router of rest) others.push(await collect(router.partitions(ctx, parentState)));
    for await (const head of first.partitions(ctx, parentState)) {
      yield* combine([head], others);
    }
  }

  /** No parent state (like the reference). */
  parentState(): undefined {
    return undefined;
  }

  /** Every router injects its part. */
  applyToRequest(parts: RequestParts, slice: StreamSlice): RequestParts {
    let out = parts;
    for (const router of this.#routers) if (router.applyToRequest) out = router.applyToRequest(out, slice);
    return out;
  }
}

function* combine(prefix: StreamSlice[], others: StreamSlice[][]): Generator<StreamSlice> {
  if (others.length === 0) {
    yield merge(prefix);
    return;
  }
  const [next, ...rest] = others;
  for (const item of next) yield* combine([...prefix, item], rest);
}

function merge(slices: StreamSlice[]): StreamSlice {
  // ChainMap semantics: earlier slices win on duplicate keys.
  const partition: { [key: string]: unknown } = {};
  const extra: { [key: string]: unknown } = {};
  for (const s of [...slices].reverse()) {
    Object.assign(partition, s.partition);
    Object.assign(extra, s.extra_fields ?? {});
  }
  const cursorSlices = slices.map((s) => s.cursor_slice).filter((c) => Object.keys(c).length > 0);
  if (cursorSlices.length > 1) {
    throw new SpoutError("manifest_invalid", "a cartesian product can hold only one cursor slice");
  }
  return { partition, cursor_slice: cursorSlices[0] ?? {}, extra_fields: extra };
}
