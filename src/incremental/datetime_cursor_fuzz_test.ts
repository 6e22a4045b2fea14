import { deepStrictEqual } from "node:assert/strict";
import { DatetimeCursor } from "./datetime_cursor.ts";
import { parseAirbyteDatetime } from "../util/airbyte_datetime.ts";
import cases from "./testdata/datetime_cursor_fuzz.json" with { type: "json" };

interface FuzzCase {
  fmt: string;
  step: string | null;
  gran: string | null;
  look: string | null;
  clamp: "DAY" | "WEEK" | "MONTH" | null;
  start: string;
  end: string;
  state: Record<string, string>;
  slices: Record<string, string>[];
  order: number[];
  records: string[][];
  states: Record<string, string>[];
  probes: string[];
  sync: boolean[];
}

// 300 random configurations (format, step, granularity, lookback, clamping, state before/inside/after the
// range, out-of-order closes) run through the reference CDK's ConcurrentCursor (airbyte-cdk 7.39.1).
Deno.test("datetime cursor agrees with the reference CDK on 300 random configurations", () => {
  const failures: string[] = [];
  (cases as unknown as FuzzCase[]).forEach((c, n) => {
    try {
      const end = parseAirbyteDatetime(c.end, c.fmt);
      const cursor = new DatetimeCursor({
        cursorField: "updated_at",
        datetimeFormat: c.fmt,
        start: c.start,
        end: () => end,
        step: c.step ?? undefined,
        cursorGranularity: c.gran ?? undefined,
        lookbackWindow: c.look ?? undefined,
        clamping: c.clamp ? { target: c.clamp, weekday: "MONDAY" } : undefined,
        state: c.state,
      });
      const slices = [...cursor.windows()];
      deepStrictEqual(slices.map((s) => s.cursor_slice), c.slices, "slices");
      const states = c.order.map((i, k) => {
        for (const v of c.records[k]) cursor.observe({ updated_at: v }, slices[i]);
        return cursor.close(slices[i]);
      });
      deepStrictEqual(states, c.states, "states");
      deepStrictEqual(c.probes.map((v) => cursor.shouldSync({ updated_at: v })), c.sync, "shouldSync");
    } catch (error) {
      failures.push(
        `#${n} ${
          JSON.stringify({ ...c, slices: undefined, records: undefined, states: undefined, order: undefined })
        }: ${(error as Error).message.slice(0, 400)}`,
      );
    }
  });
  deepStrictEqual(failures.slice(0, 5), []);
});
