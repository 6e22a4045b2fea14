/**
 * `HttpSubStream`: a code stream with one slice per parent record (Python CDK's `HttpSubStream`).
 * @module
 */
import { SubstreamPartitionRouter } from "../partition/substream.ts";
import { HttpStream } from "./http_stream.ts";
import type { ReadContext, ReadOptions, Stream, StreamSlice } from "./types.ts";

/**
 * A stream whose slices are the parent's records: `slice.partition.parent` is the parent record. The parent
 * is read lazily (full refresh), so parent records are never all held in memory.
 *
 * @example
 * ```ts
 * import { HttpSubStream } from "./http_sub_stream.ts";
 * import type { HttpRequestContext } from "./http_stream.ts";
 * import type { Stream } from "./types.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * const orders: Stream = {
 *   name: "orders",
 *   jsonSchema: () => Promise.resolve({}),
 *   async *read() {
 *     yield { type: "record", data: { id: 7 } };
 *   },
 * };
 * class Items extends HttpSubStream {
 *   readonly name = "items";
 *   readonly urlBase = "http://api.test";
 *   path({ slice }: HttpRequestContext): string {
 *     return `orders/${(slice.partition.parent as { id: number }).id}/items`;
 *   }
 *   parseResponse(body: unknown) {
 *     return body as { sku: string }[];
 *   }
 * }
 * const fetch = (req: Request) => Promise.resolve(Response.json([{ sku: new URL(req.url).pathname }]));
 * const out: unknown[] = [];
 * for await (const m of new Items(orders).read({ syncMode: "full_refresh" }, { env: fakeEnv({ fetch }), masker: new SecretMasker() })) {
 *   if (m.type === "records") out.push(...m.data.map((r) => r.sku));
 * }
 * if (out[0] !== "/orders/7/items") throw new Error(String(out[0]));
 * ```
 */
export abstract class HttpSubStream extends HttpStream {
  /** The parent stream. */
  readonly parent: Stream;

  /** Creates the instance from its options. */
  constructor(parent: Stream) {
    super();
    this.parent = parent;
  }

  /** One slice `{partition: {parent: record}}` per parent record. */
  override slices(_options: ReadOptions, ctx: ReadContext): AsyncIterable<StreamSlice> {
    const router = new SubstreamPartitionRouter([{
      stream: this.parent,
      parentKey: [],
      partitionField: "parent",
      toPartition: (record) => ({ partition: { parent: record }, cursor_slice: {} }),
    }]);
    return router.partitions(ctx);
  }
}
