/**
 * Reading a `DeclarativeStream` that a custom component receives as a field (e.g. a partition router's
 * `plans_stream`), the way the reference's custom components read theirs in full refresh: every slice of the
 * stream's own `incremental_sync` (one empty slice without one), each read with the stream's retriever.
 * Stream-level `transformations` of the nested stream are not applied (none of the ported manifests has any).
 * @module
 */
import type { ComponentContext, Retriever } from "../../src/declarative/components.ts";
import type { SliceCursor } from "../../src/incremental/types.ts";
import type { ReadContext, StreamSlice } from "../../src/source/types.ts";
import { isObject, type RecordData } from "../../src/types.ts";

/** A nested stream, built once per component. */
export interface NestedStream {
  /** The stream's `name`. */
  readonly name: string;
  /** Reads every record of the stream in full refresh. */
  read(read: ReadContext): AsyncIterable<RecordData>;
}

/**
 * Builds the retriever (and the incremental sync, when there is one) of the `DeclarativeStream` component
 * `stream`; `field` names it in errors.
 *
 * @example
 * ```ts
 * import { nestedStream } from "./nested_stream.ts";
 * const ctx = {
 *   build: (kind: string) =>
 *     kind === "retriever" ? { async *readSlice() { yield { id: 1 }; } } : undefined,
 * } as never;
 * const stream = nestedStream(ctx, { type: "DeclarativeStream", name: "plans", retriever: {} }, "plans_stream");
 * const ids: unknown[] = [];
 * for await (const r of stream.read({} as never)) ids.push(r.id);
 * if (stream.name !== "plans" || ids.join() !== "1") throw new Error(ids.join());
 * ```
 */
export function nestedStream(ctx: ComponentContext, stream: unknown, field: string): NestedStream {
  const component = isObject(stream) ? stream : {};
  const name = typeof component.name === "string" ? component.name : field;
  const parameters = { ...(isObject(component.$parameters) ? component.$parameters : {}), name };
  const withParameters = (c: unknown) =>
    isObject(c) && !isObject(c.$parameters) ? { ...c, $parameters: parameters } : c;
  const retriever: Retriever = ctx.build(
    "retriever",
    withParameters(component.retriever),
    `${field}.retriever`,
  );
  const incremental = component.incremental_sync === undefined
    ? undefined
    : ctx.build("incremental_sync", withParameters(component.incremental_sync), `${field}.incremental_sync`);
  return {
    name,
    async *read(read: ReadContext): AsyncIterable<RecordData> {
      const cursor: SliceCursor | undefined = incremental?.cursor(undefined, read);
      const slices: AsyncIterable<StreamSlice> | Iterable<StreamSlice> = cursor
        ? cursor.slices(read)
        : [{ partition: {}, cursor_slice: {} }];
      for await (const slice of slices) yield* retriever.readSlice(slice, read, cursor);
    },
  };
}
