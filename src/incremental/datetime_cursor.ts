/**
 * A datetime cursor with the exact semantics of Airbyte's declarative `DatetimeBasedCursor` as the current
 * Python CDK runs it (a `ConcurrentCursor` with a custom-format state converter): slicing into windows
 * (`step`, `cursor_granularity`, `lookback_window`, clamping), state `{cursor_field: value}` in
 * `datetime_format`, advanced to the most recent record cursor value of the first contiguous range of
 * closed slices.
 * @module
 */
import { SpoutError } from "../errors.ts";
import type { RequestParts } from "../pagination/types.ts";
import { injectRequestOption, type RequestOption } from "../partition/request_option.ts";
import type { ReadContext, StreamSlice } from "../source/types.ts";
import type { JsonObject, RecordData } from "../types.ts";
import { formatAirbyteDatetime, parseAirbyteDatetime } from "../util/airbyte_datetime.ts";
import { PyDateTime } from "../util/datetime.ts";
import { compileStrptime } from "../util/strptime.ts";
import { addDuration, type Duration, parseIsoDuration } from "../util/duration.ts";
import { PyTimedelta } from "../util/timedelta.ts";
import { type Clamp, dayClamp, monthClamp, weekClamp, WEEKDAYS } from "./clamping.ts";
import type { SliceCursor } from "./types.ts";

/** Clamping of slice boundaries to calendar units. */
export interface ClampingOptions {
  /** DAY, WEEK or MONTH. */
  target: "DAY" | "WEEK" | "MONTH";
  /** For WEEK: the weekday name (MONDAY..SUNDAY). */
  weekday?: string;
}

/** Plain-value options of {@link DatetimeCursor} (the declarative factory evaluates templates first). */
export interface DatetimeCursorOptions {
  /** Top-level record field holding the cursor value. */
  cursorField: string;
  /** Format of slice boundaries and state values (Python strftime plus Airbyte's `%s`, `%ms`, …). */
  datetimeFormat: string;
  /** Formats tried (in order, then `datetimeFormat`) when parsing record and state values. */
  cursorDatetimeFormats?: string[];
  /** Configured start (Airbyte `start_datetime`, already evaluated); a string is parsed with the formats. */
  start?: PyDateTime | string;
  /** End provider (`end_datetime`); default now. */
  end?: () => PyDateTime;
  /** Clock for the default end, milliseconds since the epoch (default `Date.now`). */
  now?: () => number;
  /** Window size (ISO 8601 duration); default one window. */
  step?: Duration | string;
  /** Smallest unit of the cursor (ISO 8601 duration); windows end one unit before the next starts. */
  cursorGranularity?: Duration | string;
  /** Re-read this much before the state on each sync. */
  lookbackWindow?: Duration | string;
  /** Slice key of the window start (default `start_time`). */
  partitionFieldStart?: string;
  /** Slice key of the window end (default `end_time`). */
  partitionFieldEnd?: string;
  /** Calendar clamping of boundaries. */
  clamping?: ClampingOptions;
  /** The API rejects start == end (Airbyte `is_compare_strictly`). */
  isCompareStrictly?: boolean;
  /** Incoming stream state (`{cursor_field: value}` or Airbyte's concurrent `date-range` format). */
  state?: JsonObject;
  /** Subtracted from the state value (per-partition cursors recreated from the global state). */
  runtimeLookbackWindow?: PyTimedelta;
  /** Injects the window start into requests. */
  startTimeOption?: RequestOption;
  /** Injects the window end into requests. */
  endTimeOption?: RequestOption;
  /** Warnings (unparseable cursor values). */
  log?: (message: string) => void;
}

interface Interval {
  start: PyDateTime;
  end: PyDateTime;
  mostRecent?: PyDateTime;
}

const ZERO = PyDateTime.fromParts({ year: 1, month: 1, day: 1, offsetSeconds: 0 });

const SPECIAL_FORMATS: ReadonlySet<string> = new Set(["%s", "%s_as_float", "%epoch_microseconds", "%ms"]);

interface FormatParser {
  /** Cheap exact pre-check: true when the text certainly cannot match (a literal of the format is missing). */
  rejects(text: string): boolean;
  /** Parses (throws on mismatch), with Airbyte's rules (no offset means UTC). */
  parse(value: string | number): PyDateTime;
}

/**
 * Compiles an Airbyte datetime format once. Equivalent to `parseAirbyteDatetime(value, format)`, but the
 * strptime pattern is compiled once and texts lacking a literal of the format (in order) are rejected without
 * throwing, which keeps `cursor_datetime_formats` lists cheap per record.
 */
function formatParser(format: string): FormatParser {
  if (SPECIAL_FORMATS.has(format)) {
    return {
      rejects: () => false,
      parse: (v) => parseAirbyteDatetime(v, format),
    };
  }
  const fmt = format.includes("%_ms") ? format.replaceAll("%_ms", "%f") : format;
  let compiled: ((text: string) => PyDateTime) | undefined;
  try {
    compiled = compileStrptime(fmt);
  } catch {
    compiled = undefined;
  }
  const literals: string[] | undefined = [];
  let usable = true;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === "%") {
      const d = fmt[++i];
      if (d === "%") literals.push("%");
      else if (d === "c" || d === "x" || d === "X") usable = false;
    } else if (!/\s/.test(ch)) literals.push(ch.toLowerCase());
  }
  const rejects = (text: string): boolean => {
    if (!usable) return false;
    const lower = text.toLowerCase();
    let at = 0;
    for (const lit of literals) {
      at = lower.indexOf(lit, at);
      if (at < 0) return true;
      at++;
    }
    return false;
  };
  return {
    rejects,
    parse: (value) => {
      if (!compiled) return parseAirbyteDatetime(value, format);
      const parsed = compiled(String(value));
      return parsed.offsetSeconds === null
        ? PyDateTime.fromWall(parsed.wallSeconds, parsed.microsecond, 0)
        : parsed;
    },
  };
}

function toDuration(value: Duration | string | undefined): Duration | undefined {
  if (value === undefined || value === "") return undefined;
  return typeof value === "string" ? parseIsoDuration(value) : value;
}

function max(a: PyDateTime, b: PyDateTime): PyDateTime {
  return a.compare(b) >= 0 ? a : b;
}

function min(a: PyDateTime, b: PyDateTime): PyDateTime {
  return a.compare(b) <= 0 ? a : b;
}

/**
 * Airbyte-compatible datetime cursor.
 *
 * @example
 * ```ts
 * import { DatetimeCursor } from "./datetime_cursor.ts";
 * import { PyDateTime } from "../util/datetime.ts";
import { compileStrptime } from "../util/strptime.ts";
 * const cursor = new DatetimeCursor({
 *   cursorField: "updated_at",
 *   datetimeFormat: "%Y-%m-%d",
 *   start: "2024-01-01",
 *   end: () => PyDateTime.fromParts({ year: 2024, month: 1, day: 3, offsetSeconds: 0 }),
 *   step: "P1D",
 *   cursorGranularity: "P1D",
 * });
 * const slices = [...cursor.windows()];
 * if (slices.map((s) => s.cursor_slice.start_time).join() !== "2024-01-01,2024-01-02") throw new Error();
 * cursor.observe({ updated_at: "2024-01-01" }, slices[0]);
 * if (cursor.close(slices[0])?.updated_at !== "2024-01-01") throw new Error("state");
 * ```
 */
export class DatetimeCursor implements SliceCursor {
  /** The cursor field. */
  readonly cursorField: string;
  readonly #format: string;
  readonly #inputFormats: string[];
  readonly #parsers: FormatParser[];
  readonly #start: PyDateTime | undefined;
  readonly #end: () => PyDateTime;
  readonly #step: Duration | undefined;
  readonly #granularity: Duration | undefined;
  readonly #lookback: Duration | undefined;
  readonly #fieldStart: string;
  readonly #fieldEnd: string;
  readonly #clamp: Clamp;
  readonly #strict: boolean;
  readonly #options: DatetimeCursorOptions;
  #legacy: JsonObject;
  #intervals: Interval[];
  /** The sync start (state value or configured start, whichever is later). */
  readonly syncStart: PyDateTime;
  #mostRecent = new Map<object, PyDateTime>();
  #warned = false;

  /** Creates the instance from its options. */
  constructor(options: DatetimeCursorOptions) {
    this.#options = options;
    this.cursorField = options.cursorField;
    this.#format = options.datetimeFormat;
    this.#inputFormats = [...(options.cursorDatetimeFormats ?? []), options.datetimeFormat];
    this.#parsers = this.#inputFormats.map(formatParser);
    this.#start = typeof options.start === "string" ? this.parse(options.start) : options.start;
    this.#step = toDuration(options.step);
    this.#granularity = toDuration(options.cursorGranularity);
    this.#lookback = toDuration(options.lookbackWindow);
    this.#fieldStart = options.partitionFieldStart ?? "start_time";
    this.#fieldEnd = options.partitionFieldEnd ?? "end_time";
    this.#strict = options.isCompareStrictly ?? false;
    let end = options.end ?? (() => PyDateTime.now((options.now ?? Date.now)(), 0));
    this.#clamp = (v) => v;
    if (options.clamping) {
      const raw = end;
      const clampEnd = (floor: Clamp, unit: PyTimedelta) => () => floor(raw()).sub(unit);
      const gran = this.#granularity instanceof PyTimedelta ? this.#granularity : undefined;
      switch (options.clamping.target) {
        case "DAY":
          this.#clamp = dayClamp();
          end = clampEnd(dayClamp(false), gran ?? PyTimedelta.of({ seconds: 1 }));
          break;
        case "WEEK": {
          const day = WEEKDAYS.indexOf((options.clamping.weekday ?? "") as typeof WEEKDAYS[number]);
          if (day < 0) {
            throw new SpoutError(
              "config_error",
              "WEEK clamping needs target_details.weekday (MONDAY..SUNDAY)",
            );
          }
          this.#clamp = weekClamp(day);
          end = clampEnd(weekClamp(day, false), gran ?? PyTimedelta.of({ days: 1 }));
          break;
        }
        case "MONTH":
          this.#clamp = monthClamp();
          end = clampEnd(monthClamp(false), gran ?? PyTimedelta.of({ days: 1 }));
          break;
        default:
          throw new SpoutError(
            "config_error",
            `invalid clamping target ${options.clamping.target}: use DAY, WEEK or MONTH`,
          );
      }
    }
    this.#end = end;
    const [syncStart, legacy, intervals] = this.#initialState(options.state ?? {});
    this.syncStart = syncStart;
    this.#legacy = legacy;
    this.#intervals = intervals;
  }

  /** Parses a cursor value with `cursorDatetimeFormats` then `datetimeFormat`; throws when none matches. */
  parse(value: unknown): PyDateTime {
    if (value instanceof PyDateTime) return value;
    if (typeof value !== "string" && typeof value !== "number") {
      throw new SpoutError(
        "datetime_error",
        `cursor value ${JSON.stringify(value)} is not a string or number`,
      );
    }
    const text = typeof value === "string" ? value : String(value);
    for (const parser of this.#parsers) {
      if (parser.rejects(text)) continue;
      try {
        return parser.parse(value);
      } catch {
        // try the next format
      }
    }
    throw new SpoutError(
      "datetime_error",
      `no format in ${JSON.stringify(this.#inputFormats)} matches ${JSON.stringify(value)}`,
    );
  }

  /** Formats a datetime in `datetimeFormat`. */
  format(value: PyDateTime): string {
    return formatAirbyteDatetime(value, this.#format);
  }

  #increment(value: PyDateTime): PyDateTime {
    return addDuration(value, this.#granularity ?? PyTimedelta.of({ milliseconds: 1 }));
  }

  #initialState(state: JsonObject): [PyDateTime, JsonObject, Interval[]] {
    if (state.state_type === "date-range" || state.state_type === "integer") {
      const raw = Array.isArray(state.slices) ? state.slices : [];
      const intervals: Interval[] = raw.map((s) => {
        const o = s as Record<string, unknown>;
        return {
          start: this.parse(o.start),
          end: this.parse(o.end),
          mostRecent: o.most_recent_cursor_value === undefined || o.most_recent_cursor_value === null
            ? undefined
            : this.parse(o.most_recent_cursor_value),
        };
      });
      const merged = this.#merge(intervals);
      const first = merged[0];
      const legacy =
        (typeof state.legacy === "object" && state.legacy !== null && !Array.isArray(state.legacy))
          ? { ...state.legacy as JsonObject }
          : {};
      return [first?.mostRecent ?? first?.end ?? this.#start ?? ZERO, legacy, merged];
    }
    let syncStart = this.#start ?? ZERO;
    const value = state[this.cursorField];
    if (value !== undefined && value !== null && value !== "") {
      let previous = this.parse(value);
      if (this.#options.runtimeLookbackWindow) {
        previous = this.parse(this.format(previous.sub(this.#options.runtimeLookbackWindow)));
      }
      if (previous.compare(syncStart) >= 0) syncStart = previous;
    }
    return [syncStart, { ...state }, [{
      start: this.#start ?? syncStart,
      end: syncStart,
      mostRecent: syncStart,
    }]];
  }

  #merge(intervals: Interval[]): Interval[] {
    if (intervals.length === 0) return [];
    const sorted = [...intervals].sort((a, b) => a.start.compare(b.start) || a.end.compare(b.end));
    const merged: Interval[] = [{ ...sorted[0] }];
    for (const current of sorted.slice(1)) {
      const last = merged[merged.length - 1];
      if (this.#increment(last.end).compare(current.start) >= 0) {
        last.end = max(last.end, current.end);
        last.mostRecent = last.mostRecent && current.mostRecent
          ? max(last.mostRecent, current.mostRecent)
          : current.mostRecent ?? last.mostRecent;
      } else {
        merged.push({ ...current });
      }
    }
    return merged;
  }

  #window(start: PyDateTime, end: PyDateTime): StreamSlice {
    return {
      partition: {},
      cursor_slice: { [this.#fieldStart]: this.format(start), [this.#fieldEnd]: this.format(end) },
    };
  }

  #addStep(lower: PyDateTime): PyDateTime {
    try {
      return addDuration(lower, this.#step!);
    } catch {
      return this.#end();
    }
  }

  *#split(lowerIn: PyDateTime, upper: PyDateTime, upperIsEnd: boolean): Generator<StreamSlice> {
    const gran = this.#granularity;
    let lower = lowerIn;
    const cmp = lower.compare(upper);
    if (cmp > 0 || (cmp === 0 && !gran)) return;
    if (this.#start && upper.compare(this.#start) < 0) return;
    if (this.#start) lower = max(lower, this.#start);
    lower = this.#clamp(lower);
    const c2 = lower.compare(upper);
    if (c2 > 0 || (c2 === 0 && (this.#strict || !upperIsEnd))) return;
    if (!this.#step || this.#addStep(lower).compare(upper) >= 0) {
      const clampedUpper = upperIsEnd && gran ? upper : this.#clamp(upper);
      const end = gran && !upperIsEnd ? addDuration(clampedUpper, gran, -1) : clampedUpper;
      yield this.#window(lower, end);
      return;
    }
    let current = lower;
    for (;;) {
      const next = min(this.#addStep(current), upper);
      const clampedUpper = next.equals(upper) ? next : this.#clamp(next);
      const reached = next.compare(upper) >= 0 || clampedUpper.equals(upper);
      const clampedLower = this.#clamp(current);
      if (clampedLower.compare(clampedUpper) >= 0) break;
      const end = gran && (!upperIsEnd || !reached) ? addDuration(clampedUpper, gran, -1) : clampedUpper;
      yield this.#window(clampedLower, end);
      current = clampedUpper;
      if (reached) break;
    }
  }

  #lookbackFrom(value: PyDateTime): PyDateTime {
    return this.#lookback ? addDuration(value, this.#lookback, -1) : value;
  }

  /** The cursor windows, lazily (same boundaries as Airbyte's `stream_slices`). */
  *windows(): Generator<StreamSlice> {
    this.#intervals = this.#merge(this.#intervals);
    const intervals = this.#intervals.map((i) => ({ ...i }));
    if (intervals.length === 0) {
      throw new SpoutError(
        "state_invalid",
        `the state of cursor ${this.cursorField} has no slices; reset the stream`,
      );
    }
    if (this.#start && this.#start.compare(intervals[0].start) < 0) {
      yield* this.#split(this.#start, intervals[0].start, false);
    }
    for (let i = 0; i < intervals.length - 1; i++) {
      const lower = this.#granularity ? addDuration(intervals[i].end, this.#granularity) : intervals[i].end;
      yield* this.#split(lower, intervals[i + 1].start, false);
    }
    yield* this.#split(this.#lookbackFrom(intervals[intervals.length - 1].end), this.#end(), true);
  }

  /** {@link SliceCursor.slices}: the windows. */
  slices(_ctx?: ReadContext): Iterable<StreamSlice> {
    return this.windows();
  }

  #recordValue(record: RecordData): PyDateTime | undefined {
    const raw = record[this.cursorField];
    if (raw === undefined || raw === null) {
      this.#warn(`could not find cursor field \`${this.cursorField}\` in a record; it will be synced`);
      return undefined;
    }
    try {
      return this.parse(raw);
    } catch {
      this.#warn(`could not parse cursor field \`${this.cursorField}\` value ${JSON.stringify(raw)}`);
      return undefined;
    }
  }

  #warn(message: string): void {
    if (this.#warned) return;
    this.#warned = true;
    this.#options.log?.(message);
  }

  /** The lowest cursor value a record may have to be synced (sync start minus lookback, not below start). */
  lowestValueToSync(): PyDateTime {
    if (!this.#lookback) return this.syncStart;
    let lower: PyDateTime;
    try {
      lower = addDuration(this.syncStart, this.#lookback, -1);
    } catch {
      return this.syncStart;
    }
    return this.#start ? max(lower, min(this.syncStart, this.#start)) : lower;
  }

  /** True when the record's cursor value is within [lowest value to sync, end] (or has none). */
  shouldSync(record: RecordData, _slice?: StreamSlice): boolean {
    const value = this.#recordValue(record);
    if (value === undefined) return true;
    return this.lowestValueToSync().compare(value) <= 0 && value.compare(this.#end()) <= 0;
  }

  /** Tracks the most recent cursor value of the record's slice. */
  observe(record: RecordData, slice: StreamSlice): void {
    const value = this.#recordValue(record);
    if (value === undefined) return;
    const key = slice.cursor_slice;
    const current = this.#mostRecent.get(key);
    if (current === undefined || current.compare(value) < 0) this.#mostRecent.set(key, value);
  }

  /** The most recent cursor value observed in a slice. */
  mostRecentIn(slice: StreamSlice): PyDateTime | undefined {
    return this.#mostRecent.get(slice.cursor_slice);
  }

  /**
   * The slice narrowed to start at its most recent cursor value (Airbyte's `reduce_slice_range`, used when
   * pagination restarts). `mostRecent` overrides the value observed so far (a retriever that restarts before
   * its records were observed tracks it itself); unchanged when nothing is known.
   */
  reduceSliceRange(slice: StreamSlice, mostRecent?: unknown): StreamSlice {
    let value: PyDateTime | undefined = this.#mostRecent.get(slice.cursor_slice);
    if (mostRecent !== undefined && mostRecent !== null) {
      try {
        value = this.parse(mostRecent);
      } catch {
        // keep what was observed
      }
    }
    if (value === undefined) return slice;
    return {
      partition: slice.partition,
      cursor_slice: {
        [this.#fieldStart]: this.format(value),
        [this.#fieldEnd]: slice.cursor_slice[this.#fieldEnd],
      },
      extra_fields: slice.extra_fields,
    };
  }

  /** Records the slice as done and returns the new state. */
  close(slice: StreamSlice): JsonObject {
    const key = slice.cursor_slice;
    const boundary = (field: string) => {
      const value = slice.cursor_slice[field];
      if (value === undefined) throw new SpoutError("internal_error", `slice has no \`${field}\` boundary`);
      return this.parse(value);
    };
    this.#intervals.push({
      start: boundary(this.#fieldStart),
      end: boundary(this.#fieldEnd),
      mostRecent: this.#mostRecent.get(key),
    });
    this.#mostRecent.delete(key);
    this.#intervals = this.#merge(this.#intervals);
    return this.state();
  }

  /** The state now: `{...incoming state, [cursorField]: latest complete value}`. */
  state(): JsonObject {
    const merged = this.#merge(this.#intervals);
    const first = merged[0];
    const out: JsonObject = { ...this.#legacy };
    if (first) out[this.cursorField] = this.format(first.mostRecent ?? first.start);
    return out;
  }

  /** The final state. */
  finalState(): JsonObject {
    return this.state();
  }

  /** Injects window boundaries via `startTimeOption` / `endTimeOption`. */
  applyToRequest(parts: RequestParts, slice: StreamSlice): RequestParts {
    let out = parts;
    const { startTimeOption, endTimeOption } = this.#options;
    const start = slice.cursor_slice[this.#fieldStart];
    const end = slice.cursor_slice[this.#fieldEnd];
    if (startTimeOption && start !== undefined) out = injectRequestOption(out, startTimeOption, start);
    if (endTimeOption && end !== undefined) out = injectRequestOption(out, endTimeOption, end);
    return out;
  }
}
