import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { DatetimeCursor } from "./datetime_cursor.ts";
import { parseAirbyteDatetime } from "../util/airbyte_datetime.ts";
import reference from "./testdata/datetime_cursor_reference.json" with { type: "json" };

interface Case {
  name: string;
  fmt: string;
  start: string;
  end: string;
  step: string | null;
  gran: string | null;
  lookback?: string;
  clamp?: "DAY";
  state: Record<string, string | number>;
  records: (string | number)[][];
  order?: number[];
}

// Fixture produced by the reference CDK (airbyte-cdk 7.39.1 ConcurrentCursor + custom-format converter).
for (
  const entry of reference as unknown as {
    case: Case;
    slices: unknown[];
    states: unknown[];
    should_sync_start_end: boolean[];
  }[]
) {
  const c = entry.case;
  Deno.test(`datetime cursor matches the reference CDK: ${c.name}`, () => {
    const end = parseAirbyteDatetime(c.end, c.fmt);
    const cursor = new DatetimeCursor({
      cursorField: "updated_at",
      datetimeFormat: c.fmt,
      start: c.start,
      end: () => end,
      step: c.step ?? undefined,
      cursorGranularity: c.gran ?? undefined,
      lookbackWindow: c.lookback,
      clamping: c.clamp ? { target: c.clamp } : undefined,
      state: c.state,
    });
    const slices = [...cursor.windows()];
    deepStrictEqual(slices.map((s) => s.cursor_slice), entry.slices);
    const states: unknown[] = [];
    for (const i of c.order ?? slices.map((_, i) => i)) {
      if (i >= slices.length) continue;
      for (const value of c.records[i] ?? []) cursor.observe({ updated_at: value }, slices[i]);
      states.push(cursor.close(slices[i]));
    }
    deepStrictEqual(states, entry.states);
    deepStrictEqual(
      [c.start, c.end].map((v) => cursor.shouldSync({ updated_at: v })),
      entry.should_sync_start_end,
    );
  });
}

Deno.test("datetime cursor state round-trips: a second sync starts where the first ended", () => {
  const end = parseAirbyteDatetime("2024-01-10", "%Y-%m-%d");
  const options = {
    cursorField: "updated_at",
    datetimeFormat: "%Y-%m-%d",
    start: "2024-01-01",
    end: () => end,
    step: "P3D",
    cursorGranularity: "P1D",
  };
  const first = new DatetimeCursor(options);
  let state = first.state();
  for (const slice of first.windows()) {
    first.observe({ updated_at: slice.cursor_slice.end_time }, slice);
    state = first.close(slice);
  }
  deepStrictEqual(state, { updated_at: "2024-01-10" });
  const second = new DatetimeCursor({ ...options, state });
  // Equal cursor values at the boundary are re-read (the last day is inclusive), never skipped.
  deepStrictEqual([...second.windows()].map((s) => s.cursor_slice), [{
    start_time: "2024-01-10",
    end_time: "2024-01-10",
  }]);
  strictEqual(second.shouldSync({ updated_at: "2024-01-10" }), true);
  strictEqual(second.shouldSync({ updated_at: "2024-01-09" }), false);
});

Deno.test("datetime cursor: a closed slice after an unfinished one does not advance the state", () => {
  const end = parseAirbyteDatetime("2024-01-04", "%Y-%m-%d");
  const cursor = new DatetimeCursor({
    cursorField: "t",
    datetimeFormat: "%Y-%m-%d",
    start: "2024-01-01",
    end: () => end,
    step: "P1D",
    cursorGranularity: "P1D",
  });
  const [a, b, c] = [...cursor.windows()];
  cursor.observe({ t: "2024-01-01" }, a);
  deepStrictEqual(cursor.close(a), { t: "2024-01-01" });
  cursor.observe({ t: "2024-01-03" }, c);
  deepStrictEqual(cursor.close(c), { t: "2024-01-01" });
  cursor.observe({ t: "2024-01-02" }, b);
  deepStrictEqual(cursor.close(b), { t: "2024-01-03" });
});

Deno.test("datetime cursor accepts Airbyte's concurrent date-range state", () => {
  const end = parseAirbyteDatetime("2024-01-05", "%Y-%m-%d");
  const cursor = new DatetimeCursor({
    cursorField: "t",
    datetimeFormat: "%Y-%m-%d",
    start: "2024-01-01",
    end: () => end,
    state: {
      state_type: "date-range",
      slices: [{ start: "2024-01-01", end: "2024-01-03", most_recent_cursor_value: "2024-01-02" }],
    },
  });
  deepStrictEqual([...cursor.windows()].map((s) => s.cursor_slice), [{
    start_time: "2024-01-03",
    end_time: "2024-01-05",
  }]);
  deepStrictEqual(cursor.state(), { t: "2024-01-02" });
});

Deno.test("datetime cursor injects window bounds as request options", () => {
  const end = parseAirbyteDatetime("2024-01-02", "%Y-%m-%d");
  const cursor = new DatetimeCursor({
    cursorField: "t",
    datetimeFormat: "%Y-%m-%d",
    start: "2024-01-01",
    end: () => end,
    startTimeOption: { injectInto: "request_parameter", fieldName: "since" },
    endTimeOption: { injectInto: "header", fieldName: "X-Until" },
  });
  const [slice] = [...cursor.windows()];
  const parts = cursor.applyToRequest({ path: "", query: {}, headers: {} }, slice);
  deepStrictEqual(parts.query, { since: "2024-01-01" });
  deepStrictEqual(parts.headers, { "X-Until": "2024-01-02" });
});

Deno.test("datetime cursor narrows a slice to its most recent cursor value (pagination reset)", () => {
  const end = parseAirbyteDatetime("2024-01-05", "%Y-%m-%d");
  const cursor = new DatetimeCursor({
    cursorField: "t",
    datetimeFormat: "%Y-%m-%d",
    start: "2024-01-01",
    end: () => end,
  });
  const [slice] = [...cursor.windows()];
  deepStrictEqual(cursor.reduceSliceRange(slice), slice);
  cursor.observe({ t: "2024-01-03" }, slice);
  deepStrictEqual(cursor.reduceSliceRange(slice).cursor_slice, {
    start_time: "2024-01-03",
    end_time: "2024-01-05",
  });
  deepStrictEqual(cursor.reduceSliceRange(slice, "2024-01-04").cursor_slice, {
    start_time: "2024-01-04",
    end_time: "2024-01-05",
  });
});
