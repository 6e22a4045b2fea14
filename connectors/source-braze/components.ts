/**
 * Custom components of the corpus manifest `source-braze.yaml` (unchanged), in TypeScript.
 *
 * - `DatetimeIncrementalSyncComponent`: Braze's `data_series` endpoints take a window as `ending_at` plus
 *   `length` in days. The component is a DatetimeBasedCursor (built from its own fields) whose requests also
 *   carry the slice's length in days (`step_option`), so each request covers exactly its slice.
 * - `EventsRecordExtractor`: `/events/list` returns event names as strings (`{"events": ["a", "b"]}`); each
 *   becomes a record `{event_name}`.
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";
import { fieldPathReader } from "../_shared/field_path.ts";
import { injectRequestOption, type RequestOption } from "../../src/partition/request_option.ts";
import { isObject } from "../../src/types.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days from `start` to `end` (`YYYY-MM-DD…`), both included. */
export function windowDays(start: unknown, end: unknown): number | undefined {
  const a = Date.parse(String(start).slice(0, 10));
  const b = Date.parse(String(end).slice(0, 10));
  if (!Number.isFinite(a) || !Number.isFinite(b)) return undefined;
  return Math.round((b - a) / DAY_MS) + 1;
}

/** The registry passed with `--components connectors/source-braze/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.DatetimeIncrementalSyncComponent": {
    kind: "incremental_sync",
    create(options, ctx) {
      const { step_option: stepOption, ...datetime } = options;
      const inner = ctx.build("incremental_sync", { ...datetime, type: "DatetimeBasedCursor" });
      if (!inner) throw new Error(`${ctx.location}: a DatetimeBasedCursor needs its fields`);
      const option: RequestOption | undefined =
        isObject(stepOption) && typeof stepOption.field_name === "string"
          ? {
            injectInto: (stepOption.inject_into ?? "request_parameter") as RequestOption["injectInto"],
            fieldName: ctx.template(stepOption.field_name).render(),
          }
          : undefined;
      return {
        cursorField: inner.cursorField,
        cursor(state, read, router) {
          const cursor = inner.cursor(state, read, router);
          if (!option) return cursor;
          const apply = cursor.applyToRequest?.bind(cursor);
          cursor.applyToRequest = (parts, slice) => {
            const applied = apply ? apply(parts, slice) : parts;
            const days = windowDays(slice.cursor_slice.start_time, slice.cursor_slice.end_time);
            return days === undefined ? applied : injectRequestOption(applied, option, days);
          };
          return cursor;
        },
      };
    },
  },
  "source_declarative_manifest.components.EventsRecordExtractor": {
    kind: "record_extractor",
    create(options, ctx) {
      const read = fieldPathReader(options, ctx);
      return (document) => {
        const node = read(document);
        return (Array.isArray(node) ? node : []).map((name) => isObject(name) ? name : { event_name: name });
      };
    },
  },
});

export default components;
