/**
 * Per-partition incremental state with Airbyte's exact format (`ConcurrentPerPartitionCursor`):
 * `{"use_global_cursor": false, "states": [{"partition": {...}, "cursor": {...}}], "state": {...},
 * "lookback_window": N, "parent_state": {...}}`, with the switch to a global cursor after too many
 * partitions and parent state advanced only past fully processed partitions.
 * @module
 */
import type { RequestParts } from "../pagination/types.ts";
import type { PartitionRouter } from "../partition/types.ts";
import { partitionKey, sortKeys } from "../partition/types.ts";
import type { ReadContext, StreamSlice } from "../source/types.ts";
import type { JsonObject, JsonValue, RecordData } from "../types.ts";
import { PyTimedelta } from "../util/timedelta.ts";
import type { SliceCursor } from "./types.ts";

/**
 * What the per-partition cursor needs from the cursor of one partition (`DatetimeCursor` has it all).
 */
export interface PartitionWindowCursor {
  /** The cursor windows of the partition (cursor_slice part only matters). */
  windows(): Iterable<StreamSlice>;
  /** Parses a cursor value (throws when it cannot). */
  parse(value: unknown): unknown;
  /** Formats a parsed cursor value as it appears in state. */
  format(value: never): JsonValue;
  /** Current state `{cursor_field: value}`. */
  state(): JsonObject;
  /** Observes a record of one of its windows. */
  observe(record: RecordData, slice: StreamSlice): void;
  /** Closes one of its windows. */
  close(slice: StreamSlice): JsonObject | undefined;
  /** Client-side filter. */
  shouldSync(record: RecordData, slice: StreamSlice): boolean;
  /** Injects window bounds into a request. */
  applyToRequest(parts: RequestParts, slice: StreamSlice): RequestParts;
}

/** Options of {@link PerPartitionCursor}. */
export interface PerPartitionCursorOptions {
  /** Generates the partitions. */
  router: PartitionRouter;
  /** Creates the cursor of one partition from its state (and a runtime lookback for global-state starts). */
  createCursor(state: JsonObject, runtimeLookback: PyTimedelta): PartitionWindowCursor;
  /** The cursor field (key of cursor states). */
  cursorField: string;
  /** Incoming stream state. */
  state?: JsonObject;
  /** Start in global-cursor mode (`global_substream_cursor`, grouping routers). */
  useGlobalCursor?: boolean;
  /** Clock in milliseconds (state throttling and the sync timer); default `Date.now`. */
  now?: () => number;
  /** Partitions before switching to a global cursor (default 10,000). */
  switchToGlobalLimit?: number;
  /** Partition cursors kept in memory (default 25,000). */
  maxPartitions?: number;
  /** Minimum time between intermediate states (default 600 s, like the reference). */
  throttleMs?: number;
  /** Warnings. */
  log?: (message: string) => void;
}

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Airbyte-compatible per-partition cursor over a partition router and a datetime cursor per partition.
 *
 * @example
 * ```ts
 * import { PerPartitionCursor } from "./per_partition_cursor.ts";
 * import { DatetimeCursor } from "./datetime_cursor.ts";
 * import { ListPartitionRouter } from "../partition/list.ts";
 * import { PyDateTime } from "../util/datetime.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * const end = PyDateTime.fromParts({ year: 2024, month: 1, day: 2, offsetSeconds: 0 });
 * const cursor = new PerPartitionCursor({
 *   router: new ListPartitionRouter({ values: ["a"], cursorField: "id" }),
 *   cursorField: "t",
 *   createCursor: (state, lookback) =>
 *     new DatetimeCursor({ cursorField: "t", datetimeFormat: "%Y-%m-%d", start: "2024-01-01", end: () => end, state, runtimeLookbackWindow: lookback }),
 *   now: () => 0,
 * });
 * for await (const slice of cursor.slices({ env: fakeEnv(), masker: new SecretMasker() })) {
 *   cursor.observe({ t: "2024-01-02" }, slice);
 *   cursor.close(slice);
 * }
 * const state = cursor.finalState();
 * if (JSON.stringify(state.states) !== '[{"partition":{"id":"a"},"cursor":{"t":"2024-01-02"}}]') throw new Error();
 * ```
 */
export class PerPartitionCursor implements SliceCursor {
  readonly #o: PerPartitionCursorOptions;
  readonly #now: () => number;
  #global: JsonObject = {};
  #newGlobal: JsonObject | undefined;
  #cursors = new Map<string, PartitionWindowCursor>();
  #open = new Map<string, number>();
  #doneGenerating = new Set<string>();
  #processing: number[] = [];
  #keyToIndex = new Map<string, number>();
  #parentStateMap = new Map<string, [JsonValue, number]>();
  #parentStateIn: JsonObject | undefined;
  #lastParentJson: string | undefined;
  #globalCursor: [string, PartitionWindowCursor] | undefined;
  #parentState: JsonValue | undefined;
  #generated = 0;
  #lookbackWindow = 0;
  #partitionCount = 0;
  #useGlobal: boolean;
  #lastEmission = -Infinity;
  #timerStart: number | undefined;
  #syncedSome = false;
  #warnedParse = false;
  #warnedDup = false;

  /** Creates the instance from its options. */
  constructor(options: PerPartitionCursorOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
    this.#useGlobal = options.useGlobalCursor ?? false;
    this.#setInitialState(options.state ?? {});
  }

  #create(state: JsonObject, lookbackSeconds: number): PartitionWindowCursor {
    return this.#o.createCursor(structuredClone(state), PyTimedelta.of({ seconds: lookbackSeconds }));
  }

  #setInitialState(state: JsonObject): void {
    if (Object.keys(state).length === 0) return;
    if (!("states" in state) && !("state" in state)) {
      this.#setGlobal(state);
    } else {
      this.#useGlobal = state.use_global_cursor === true;
      this.#lookbackWindow = Math.trunc(Number(state.lookback_window ?? 0)) || 0;
      for (const entry of Array.isArray(state.states) ? state.states : []) {
        if (!isObject(entry) || !isObject(entry.partition)) continue;
        this.#partitionCount++;
        this.#cursors.set(
          partitionKey(entry.partition),
          this.#create(isObject(entry.cursor) ? entry.cursor : {}, 0),
        );
      }
      if (isObject(state.state)) this.#setGlobal(state.state);
    }
    if (state.parent_state && isObject(state.parent_state) && Object.keys(state.parent_state).length > 0) {
      this.#parentState = structuredClone(state.parent_state);
      this.#parentStateIn = structuredClone(state.parent_state);
    }
  }

  #setGlobal(state: JsonObject): void {
    const value = state[this.#o.cursorField];
    if (value === undefined) return;
    const probe = this.#create({}, 0);
    const fixed = { [this.#o.cursorField]: probe.format(probe.parse(value) as never) };
    this.#global = structuredClone(fixed);
    this.#newGlobal = structuredClone(fixed);
  }

  /** Whether the cursor switched (or was set) to a single global cursor. */
  get usesGlobalCursor(): boolean {
    return this.#useGlobal;
  }

  /** Partitions × their cursor windows, lazily. */
  async *slices(ctx: ReadContext): AsyncGenerator<StreamSlice, void, undefined> {
    if (this.#timerStart !== undefined) throw new Error("PerPartitionCursor.slices() may run once per read");
    this.#timerStart = this.#now();
    const router = this.#o.router;
    for await (const partition of router.partitions(ctx, this.#parentStateIn, this.#o.state)) {
      const parentState = (router.parentState?.() ?? undefined) as JsonValue | undefined;
      this.#ensureLimit();
      const key = partitionKey(partition.partition);
      let cursor = this.#cursors.get(key);
      if (!cursor) {
        const hasGlobal = Object.keys(this.#global).length > 0;
        cursor = this.#create(this.#global, hasGlobal ? this.#lookbackWindow : 0);
        this.#partitionCount++;
        this.#cursors.set(key, cursor);
      }
      if (this.#open.has(key)) {
        if (!this.#warnedDup) this.#o.log?.("partition duplication detected; the duplicate is skipped");
        this.#warnedDup = true;
        continue;
      }
      this.#open.set(key, 0);
      const seq = this.#generated++;
      this.#processing.push(seq);
      this.#keyToIndex.set(key, seq);
      const parentJson = JSON.stringify(parentState ?? null);
      if (this.#parentStateMap.size === 0 || this.#lastParentJson !== parentJson) {
        this.#parentStateMap.set(key, [structuredClone(parentState ?? null), seq]);
        this.#lastParentJson = parentJson;
      }
      const windows = cursor.windows()[Symbol.iterator]();
      let current = windows.next();
      while (!current.done) {
        const next = windows.next();
        this.#open.set(key, (this.#open.get(key) ?? 0) + 1);
        if (next.done) this.#doneGenerating.add(key);
        yield {
          partition: partition.partition,
          cursor_slice: current.value.cursor_slice,
          extra_fields: partition.extra_fields,
        };
        current = next;
      }
    }
  }

  #ensureLimit(): void {
    if (!this.#useGlobal && this.#partitionCount > (this.#o.switchToGlobalLimit ?? 10_000)) {
      this.#o.log?.("too many partitions: switching to a global cursor");
      this.#useGlobal = true;
    }
    const maxPartitions = this.#o.maxPartitions ?? 25_000;
    while (this.#cursors.size > maxPartitions - 1) {
      let removed = false;
      for (const key of this.#cursors.keys()) {
        if (!this.#keyToIndex.has(key)) {
          this.#cursors.delete(key);
          removed = true;
          break;
        }
      }
      if (!removed) this.#cursors.delete(this.#cursors.keys().next().value!);
    }
  }

  #cursorFor(slice: StreamSlice): PartitionWindowCursor {
    if (this.#useGlobal) return this.#fromGlobal();
    return this.#cursors.get(partitionKey(slice.partition)) ?? this.#fromGlobal();
  }

  /** A cursor started from the global state (cached until the global state changes). */
  #fromGlobal(): PartitionWindowCursor {
    const key = JSON.stringify(this.#global) + "|" + this.#lookbackWindow;
    if (this.#globalCursor?.[0] !== key) {
      const hasGlobal = Object.keys(this.#global).length > 0;
      this.#globalCursor = [key, this.#create(this.#global, hasGlobal ? this.#lookbackWindow : 0)];
    }
    return this.#globalCursor[1];
  }

  /** The partition cursor's client-side filter. */
  shouldSync(record: RecordData, slice: StreamSlice): boolean {
    return this.#cursorFor(slice).shouldSync(record, slice);
  }

  /** Tracks the global and the partition's most recent cursor value. */
  observe(record: RecordData, slice: StreamSlice): void {
    const raw = record[this.#o.cursorField];
    if (raw === undefined || raw === null) return;
    const probe = this.#cursors.get(partitionKey(slice.partition)) ?? this.#create({}, 0);
    let formatted: string;
    try {
      formatted = probe.format(probe.parse(raw) as never) as string;
    } catch {
      if (!this.#warnedParse) this.#o.log?.(`skipping cursor update: cannot parse ${JSON.stringify(raw)}`);
      this.#warnedParse = true;
      return;
    }
    this.#syncedSome = true;
    this.#updateGlobal(formatted);
    if (!this.#useGlobal) this.#cursors.get(partitionKey(slice.partition))?.observe(record, slice);
  }

  #updateGlobal(value: JsonValue | undefined): void {
    if (value === undefined) return;
    const current = this.#newGlobal?.[this.#o.cursorField];
    if (current === undefined || (current as string) < (value as string)) {
      this.#newGlobal = { [this.#o.cursorField]: structuredClone(value) };
    }
  }

  /** Closes one slice; returns a (throttled) state. */
  close(slice: StreamSlice): JsonObject | undefined {
    const key = partitionKey(slice.partition);
    const open = (this.#open.get(key) ?? 1) - 1;
    this.#open.set(key, open);
    if (!this.#useGlobal) {
      const cursor = this.#cursors.get(key);
      if (cursor) {
        cursor.close(slice);
        if (this.#doneGenerating.has(key) && open === 0) {
          this.#updateGlobal(cursor.state()[this.#o.cursorField]);
        }
      }
    }
    if (this.#doneGenerating.has(key) && open === 0) {
      this.#open.delete(key);
      this.#doneGenerating.delete(key);
      const seq = this.#keyToIndex.get(key);
      this.#keyToIndex.delete(key);
      if (seq !== undefined) this.#processing.splice(this.#processing.indexOf(seq), 1);
    }
    this.#advanceParentState();
    return this.#emit(true);
  }

  #advanceParentState(): void {
    let lastClosed: JsonValue | undefined;
    let found = false;
    for (const [key, [state, seq]] of this.#parentStateMap) {
      if (this.#processing.length > 0 && this.#processing[0] <= seq) break;
      this.#parentStateMap.delete(key);
      lastClosed = state;
      found = true;
    }
    if (found) this.#parentState = lastClosed;
  }

  #emit(throttle: boolean): JsonObject | undefined {
    if (throttle) {
      const now = this.#now();
      if (now - this.#lastEmission <= (this.#o.throttleMs ?? 600_000)) return undefined;
      this.#lastEmission = now;
      const parent = this.#parentState;
      const empty = parent === undefined || parent === null ||
        (isObject(parent) && Object.keys(parent).length === 0);
      if (this.#useGlobal && empty) return undefined;
    }
    return this.state();
  }

  /** The state in Airbyte's per-partition format. */
  state(): JsonObject {
    const out: JsonObject = { use_global_cursor: this.#useGlobal };
    if (!this.#useGlobal) {
      const states: JsonObject[] = [];
      for (const [key, cursor] of this.#cursors) {
        const state = cursor.state();
        if (Object.keys(state).length > 0) {
          states.push({ partition: sortKeys(JSON.parse(key)) as JsonObject, cursor: structuredClone(state) });
        }
      }
      out.states = states;
    }
    if (Object.keys(this.#global).length > 0) out.state = structuredClone(this.#global);
    out.lookback_window = this.#lookbackWindow;
    if (this.#parentState !== undefined && this.#parentState !== null) {
      out.parent_state = structuredClone(this.#parentState);
    }
    return out;
  }

  /** Final state: global cursor and lookback (sync duration) updated when every slice closed. */
  finalState(): JsonObject {
    const anyOpen = [...this.#open.values()].some((n) => n > 0);
    if (!anyOpen) {
      if (this.#syncedSome) {
        this.#global = this.#newGlobal ?? {};
        this.#lookbackWindow = Math.ceil((this.#now() - (this.#timerStart ?? this.#now())) / 1000);
      }
      const parent = this.#o.router.parentState?.();
      this.#parentState = parent === undefined ? undefined : structuredClone(parent);
    }
    return this.state();
  }

  /** Router request options, then the partition cursor's (window bounds). */
  applyToRequest(parts: RequestParts, slice: StreamSlice): RequestParts {
    const routed = this.#o.router.applyToRequest ? this.#o.router.applyToRequest(parts, slice) : parts;
    return this.#cursorFor(slice).applyToRequest(routed, slice);
  }
}
