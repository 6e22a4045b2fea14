/**
 * Incremental family: DatetimeBasedCursor (MinMaxDatetime, step, cursor_granularity, lookback_window,
 * start/end time options, clamping, is_client_side_incremental, is_data_feed), IncrementingCountCursor,
 * combined with the partition router into the stream's slice cursor. Templates are evaluated once per read
 * with the config, as in the reference; the shared cursors do the slicing and keep Airbyte-compatible state.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import { DatetimeCursor, type DatetimeCursorOptions } from "../../incremental/datetime_cursor.ts";
import { IncrementingCountCursor } from "../../incremental/incrementing_count_cursor.ts";
import type { SliceCursor } from "../../incremental/types.ts";
import { createSliceCursor } from "../../incremental/stream_cursor.ts";
import type { PartitionRouter } from "../../partition/types.ts";
import type { PyTimedelta } from "../../util/timedelta.ts";
import type { ReadOptions } from "../../source/types.ts";
import { isObject, type JsonObject } from "../../types.ts";
import { parseAirbyteDatetime } from "../../util/airbyte_datetime.ts";
import { parseDurationToMs } from "../../util/duration.ts";
import type { PyDateTime } from "../../util/datetime.ts";
import {
  bool,
  type Component,
  type ComponentPath,
  type FactoryContext,
  interpolated,
  invalid,
  locate,
  paramsOf,
} from "./context.ts";
import { buildRequestOption } from "./paginator.ts";
import type { BuiltRouter } from "./partition_router.ts";
import type { RunContext } from "./types.ts";

/** What the stream factory needs from an incremental_sync component. */
export interface BuiltIncremental {
  /** The cursor field (record path of one key). */
  cursorField: string;
  /** True when records are filtered client-side (is_client_side_incremental). */
  clientSide: boolean;
  /** True for `is_data_feed`: records the cursor has seen are dropped after pagination, which stops early. */
  dataFeed: boolean;
  /** True for `global_substream_cursor`. */
  globalSubstreamCursor: boolean;
  /** `allow_catalog_defined_cursor_field`: the configured catalog's (single) cursor field replaces ours. */
  allowCatalogCursor?: boolean;
  /**
   * Creates the datetime cursor of one read (or of one partition); `cursorField` overrides the manifest's (a
   * catalog-defined cursor field). Throws for an IncrementingCountCursor, which is not a datetime cursor.
   */
  create(
    state: JsonObject | undefined,
    run: RunContext,
    runtimeLookback?: PyTimedelta,
    cursorField?: string,
  ): DatetimeCursor;
  /** Set for an IncrementingCountCursor: creates the cursor of one read instead of `create`. */
  createCount?(state: JsonObject | undefined, run: RunContext, cursorField?: string): IncrementingCountCursor;
}

const DEFAULT_FORMAT_FALLBACK = "%Y-%m-%dT%H:%M:%S.%f%z";

function minMax(
  ctx: FactoryContext,
  value: unknown,
  params: Component,
  path: ComponentPath,
  cursorFormat: string,
): (() => PyDateTime) | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const mm: Component = isObject(value) ? value : { datetime: value };
  const p = isObject(value) ? { ...params, ...paramsOf(mm) } : params;
  const format = typeof mm.datetime_format === "string" && mm.datetime_format !== ""
    ? mm.datetime_format
    : cursorFormat || DEFAULT_FORMAT_FALLBACK;
  const dt = interpolated(ctx, mm.datetime, p, [...path, "datetime"]);
  const lo = mm.min_datetime ? interpolated(ctx, mm.min_datetime, p, [...path, "min_datetime"]) : undefined;
  const hi = mm.max_datetime ? interpolated(ctx, mm.max_datetime, p, [...path, "max_datetime"]) : undefined;
  const parse = (text: string, at: ComponentPath) => {
    try {
      return parseAirbyteDatetime(text, format);
    } catch (error) {
      throw new SpoutError(
        "config_error",
        `${at.join(".")}: ${
          JSON.stringify(text)
        } does not match the datetime format ${format}; check the config`,
        { cause: error },
      );
    }
  };
  return () => {
    let time = parse(dt.render({}), [...path, "datetime"]);
    const low = lo?.render({});
    if (low) {
      const m = parse(low, [...path, "min_datetime"]);
      if (m.compare(time) > 0) time = m;
    }
    const high = hi?.render({});
    if (high) {
      const m = parse(high, [...path, "max_datetime"]);
      if (m.compare(time) < 0) time = m;
    }
    return time;
  };
}

function str(
  ctx: FactoryContext,
  value: unknown,
  params: Component,
  path: ComponentPath,
): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const out = interpolated(ctx, value, params, path).render({});
  return out === "" || out === "None" ? undefined : out;
}

function isZeroDuration(text: string): boolean {
  try {
    return parseDurationToMs(text) === 0;
  } catch {
    return false;
  }
}

/** Builds the incremental part of a stream. */
export function buildIncremental(
  ctx: FactoryContext,
  component: unknown,
  path: ComponentPath,
): BuiltIncremental | undefined {
  if (!isObject(component)) return undefined;
  const params = paramsOf(component);
  switch (component.type) {
    case "DatetimeBasedCursor": {
      const cursorField = str(ctx, component.cursor_field, params, [...path, "cursor_field"]);
      if (!cursorField) {
        return invalid(ctx, [...path, "cursor_field"], "DatetimeBasedCursor needs a cursor_field");
      }
      const datetimeFormat = String(component.datetime_format ?? "");
      if (!datetimeFormat) {
        invalid(ctx, [...path, "datetime_format"], "DatetimeBasedCursor needs a datetime_format");
      }
      const start = minMax(
        ctx,
        component.start_datetime,
        params,
        [...path, "start_datetime"],
        datetimeFormat,
      );
      if (!start) invalid(ctx, [...path, "start_datetime"], "DatetimeBasedCursor needs a start_datetime");
      const end = minMax(ctx, component.end_datetime, params, [...path, "end_datetime"], datetimeFormat);
      const step = str(ctx, component.step, params, [...path, "step"]);
      const granularity = str(ctx, component.cursor_granularity, params, [...path, "cursor_granularity"]);
      // A zero granularity (PT0S) is falsy in the reference: no unit is added between windows and a window with
      // start == end is not read.
      const cursorGranularity = granularity !== undefined && isZeroDuration(granularity)
        ? undefined
        : granularity;
      if (Boolean(component.step) !== Boolean(component.cursor_granularity)) {
        invalid(ctx, path, "step and cursor_granularity must be set together");
      }
      const lookback = str(ctx, component.lookback_window, params, [...path, "lookback_window"]);
      const formats = Array.isArray(component.cursor_datetime_formats)
        ? component.cursor_datetime_formats.map(String)
        : undefined;
      const clamping = isObject(component.clamping)
        ? {
          target: str(ctx, component.clamping.target, params, [...path, "clamping", "target"]) as "DAY",
          weekday: isObject(component.clamping.target_details)
            ? String(component.clamping.target_details.weekday ?? "")
            : undefined,
        }
        : undefined;
      const base: Omit<DatetimeCursorOptions, "state" | "start"> = {
        cursorField,
        datetimeFormat,
        cursorDatetimeFormats: formats,
        step,
        cursorGranularity,
        lookbackWindow: lookback,
        partitionFieldStart: str(ctx, component.partition_field_start, params, [
          ...path,
          "partition_field_start",
        ]),
        partitionFieldEnd: str(ctx, component.partition_field_end, params, [...path, "partition_field_end"]),
        clamping,
        isCompareStrictly: bool(component.is_compare_strictly),
        startTimeOption: buildRequestOption(ctx, component.start_time_option, [...path, "start_time_option"]),
        endTimeOption: buildRequestOption(ctx, component.end_time_option, [...path, "end_time_option"]),
      };
      const clientSide = bool(component.is_client_side_incremental);
      return {
        cursorField,
        clientSide,
        dataFeed: bool(component.is_data_feed),
        globalSubstreamCursor: bool(component.global_substream_cursor),
        allowCatalogCursor: bool(component.allow_catalog_defined_cursor_field),
        create(state, run, runtimeLookback, field) {
          const env = run.ctx.env;
          return new DatetimeCursor({
            ...base,
            cursorField: field ?? base.cursorField,
            start: start!(),
            end,
            now: () => env.now(),
            state,
            runtimeLookbackWindow: runtimeLookback,
            log: (message) => env.log("WARN", message),
          });
        },
      };
    }
    case "IncrementingCountCursor":
      return incrementingCount(ctx, component, path);
    default:
      throw new SpoutError(
        "manifest_unsupported",
        `${path.join(".")}: incremental_sync ${String(component.type)} is not supported yet`,
      );
  }
}

function incrementingCount(ctx: FactoryContext, component: Component, path: ComponentPath): BuiltIncremental {
  const params = paramsOf(component);
  const cursorField = str(ctx, component.cursor_field, params, [...path, "cursor_field"]);
  if (!cursorField) {
    return invalid(ctx, [...path, "cursor_field"], "IncrementingCountCursor needs a cursor_field");
  }
  let start = 0;
  if (component.start_value !== undefined && component.start_value !== null) {
    // the reference evaluates String(start_value) as a template and converts the result with int()
    const value = interpolated(ctx, String(component.start_value), params, [...path, "start_value"]).eval({});
    const text = typeof value === "string" ? value.trim() : "";
    if (typeof value === "number" && Number.isFinite(value)) start = Math.trunc(value);
    else if (typeof value === "boolean") start = value ? 1 : 0;
    else if (/^[+-]?\d+$/.test(text)) start = Number(text);
    else {
      throw new SpoutError(
        "config_error",
        `${locate(ctx, [...path, "start_value"])}: start_value ${JSON.stringify(value)} is not an integer`,
      );
    }
  }
  const startValueOption = buildRequestOption(ctx, component.start_value_option, [
    ...path,
    "start_value_option",
  ]);
  return {
    cursorField,
    clientSide: false,
    dataFeed: false,
    globalSubstreamCursor: false,
    allowCatalogCursor: bool(component.allow_catalog_defined_cursor_field),
    create() {
      return invalid(ctx, path, "this feature needs a DatetimeBasedCursor, not an IncrementingCountCursor");
    },
    createCount(state, run, field) {
      return new IncrementingCountCursor({
        cursorField: field ?? cursorField,
        start,
        state,
        startValueOption,
        log: (message) => run.ctx.env.log("WARN", message),
      });
    },
  };
}

/** The cursor field of a read: the configured catalog's when the manifest allows it, else the manifest's. */
function cursorFieldOf(incremental: BuiltIncremental, options: ReadOptions): string {
  const configured = options.cursorField;
  if (!incremental.allowCatalogCursor || !configured || !configured[0]) return incremental.cursorField;
  if (configured.length > 1) {
    throw new SpoutError(
      "config_error",
      "this stream does not support a nested cursor_field; configure a single cursor field in the catalog",
    );
  }
  return configured[0];
}

/** Adapts a built router to the shared PartitionRouter contract for one read. */
function sharedRouter(router: BuiltRouter, run: RunContext): PartitionRouter {
  return {
    partitions(ctx, parentState) {
      router.setParentState?.(parentState);
      return router.partitions({ ...run, ctx });
    },
    parentState: () => router.parentState?.(),
    applyToRequest: (parts, slice) => router.applyToRequest(parts, slice),
  };
}

/**
 * Combines the partition router and the incremental cursor into the cursor of one read, through the shared
 * cursors (DatetimeCursor; PerPartitionCursor with Airbyte's per-partition / global / parent state).
 */
export function buildCursorFactory(
  router: BuiltRouter | undefined,
  incremental: BuiltIncremental | undefined,
): (options: ReadOptions, run: RunContext) => SliceCursor {
  return (options, run) => {
    const state = options.syncMode === "incremental" ? options.state : undefined;
    const field = incremental ? cursorFieldOf(incremental, options) : undefined;
    if (incremental?.createCount) {
      if (router) {
        throw new SpoutError(
          "manifest_invalid",
          `stream ${run.stream}: a PartitionRouter and an IncrementingCountCursor cannot be used together ` +
            "(the reference does not support it either); keep only one of them",
        );
      }
      return incremental.createCount(state, run, field);
    }
    return createSliceCursor({
      router: router ? sharedRouter(router, run) : undefined,
      datetime: incremental ? (s, lookback) => incremental.create(s, run, lookback, field) : undefined,
      cursorField: field,
      state,
      useGlobalCursor: incremental?.globalSubstreamCursor,
      now: () => run.ctx.env.now(),
      log: (message) => run.ctx.env.log("WARN", message),
    });
  };
}
