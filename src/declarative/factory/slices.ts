/**
 * How stream slices and page tokens look to templates, exactly as Airbyte exposes them: `stream_slice`
 * (alias `stream_partition`, `stream_interval`) is the partition merged with the cursor window, with
 * `.partition`, `.cursor_slice` and `.extra_fields` reachable as attributes; `next_page_token` is
 * `{ next_page_token: value }`; a slice's extra fields are also top-level variables. `_partition` (the one
 * private StreamSlice attribute the reference's sandbox allows) is reachable too.
 * @module
 */
import type { StreamSlice } from "../../source/types.ts";
import type { Vars } from "./templates.ts";

/** The empty slice (full refresh without partitions). */
export const EMPTY_SLICE: StreamSlice = Object.freeze({ partition: {}, cursor_slice: {} }) as StreamSlice;

const views = new WeakMap<StreamSlice, { [key: string]: unknown }>();

/**
 * The template view of a slice: partition and cursor values merged, plus non-enumerable `partition`,
 * `cursor_slice`, `extra_fields` and `_partition` (unless a value of the same name exists), as the reference's
 * StreamSlice exposes them (`_partition` is the one private attribute its sandbox allows, for source-jira).
 *
 * `_partition` is what the reference stores there: for a slice that combines a partition with a cursor window
 * (an incremental stream with a partition router, where the reference nests the router's slice), a slice view of
 * the partition with the same `extra_fields`; otherwise the plain partition mapping (which has no
 * `extra_fields`/`partition` attributes). Slices of query-property chunks are rebuilt from the plain partition
 * by the reference, so there `_partition` is the plain mapping too.
 *
 * @example
 * ```ts
 * import { sliceView } from "./slices.ts";
 * const view = sliceView({ partition: { id: 1 }, cursor_slice: { start_time: "a" } });
 * if (view.id !== 1 || view.start_time !== "a") throw new Error("not merged");
 * if ((view.cursor_slice as { start_time: string }).start_time !== "a") throw new Error("no attribute");
 * if (JSON.stringify(view) !== '{"id":1,"start_time":"a"}') throw new Error("attributes must not serialize");
 * const nested = view._partition as { id: number; cursor_slice: object };
 * if (nested.id !== 1 || Object.keys(nested.cursor_slice).length !== 0) throw new Error("_partition");
 * ```
 */
export function sliceView(slice: StreamSlice): { [key: string]: unknown } {
  const cached = views.get(slice);
  if (cached) return cached;
  const view = buildView(
    slice.partition,
    slice.cursor_slice,
    slice.extra_fields ?? {},
    innerPartition(slice),
  );
  views.set(slice, view);
  return view;
}

/** The reference's `StreamSlice._partition` for `slice` (see {@link sliceView}). */
function innerPartition(slice: StreamSlice): { [key: string]: unknown } {
  const partition = slice.partition;
  const nested = Object.keys(partition).length > 0 && Object.keys(slice.cursor_slice).length > 0 &&
    !(slice.extra_fields !== undefined && Object.hasOwn(slice.extra_fields, "query_properties"));
  return nested ? buildView(partition, {}, slice.extra_fields ?? {}, partition) : partition;
}

function buildView(
  partition: { [key: string]: unknown },
  cursorSlice: { [key: string]: unknown },
  extraFields: { [key: string]: unknown },
  inner: { [key: string]: unknown },
): { [key: string]: unknown } {
  const view: { [key: string]: unknown } = { ...partition, ...cursorSlice };
  const hidden: [string, unknown][] = [
    ["partition", partition],
    ["cursor_slice", cursorSlice],
    ["extra_fields", extraFields],
    ["_partition", inner],
  ];
  for (const [key, value] of hidden) {
    if (!Object.hasOwn(view, key)) {
      Object.defineProperty(view, key, { value, enumerable: false, writable: false });
    }
  }
  return view;
}

/** Wraps a raw page token as Airbyte's `next_page_token` mapping (undefined stays undefined). */
export function tokenMapping(token: unknown): { next_page_token: unknown } | undefined {
  return token === undefined || token === null ? undefined : { next_page_token: token };
}

/**
 * The variables of request-time templates (url, path, params, headers, bodies, request options).
 *
 * @example
 * ```ts
 * import { requestVars } from "./slices.ts";
 * const vars = requestVars({ partition: { id: 2 }, cursor_slice: {}, extra_fields: { name: "x" } }, 5);
 * if ((vars.next_page_token as { next_page_token: number }).next_page_token !== 5) throw new Error("token");
 * if (vars.name !== "x" || (vars.stream_partition as { id: number }).id !== 2) throw new Error("vars");
 * ```
 */
export function requestVars(slice: StreamSlice, token: unknown): Vars {
  const view = sliceView(slice);
  return {
    ...(slice.extra_fields ?? {}),
    stream_slice: view,
    stream_partition: view,
    stream_interval: view,
    next_page_token: tokenMapping(token),
  };
}

/** Builds a slice with a stable identity key (JSON of partition and cursor window, sorted keys). */
export function sliceKey(slice: StreamSlice): string {
  return stableJson({ partition: slice.partition, cursor_slice: slice.cursor_slice });
}

/** JSON with sorted object keys. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const out: { [key: string]: unknown } = {};
      for (const k of Object.keys(v).sort()) out[k] = (v as { [key: string]: unknown })[k];
      return out;
    }
    return v;
  });
}
