import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { IncrementingCountCursor } from "./incrementing_count_cursor.ts";

Deno.test("IncrementingCountCursor: one open-ended slice from max(previous value, start)", () => {
  deepStrictEqual([
    ...new IncrementingCountCursor({ cursorField: "id", start: 5, state: { id: 8 } }).slices(),
  ], [
    { partition: {}, cursor_slice: { start: 8, end: Infinity } },
  ]);
  deepStrictEqual([
    ...new IncrementingCountCursor({ cursorField: "id", start: 5, state: { id: 2 } }).slices(),
  ], [
    { partition: {}, cursor_slice: { start: 5, end: Infinity } },
  ]);
});

Deno.test("IncrementingCountCursor: a concurrent state with a gap before its interval reads the gap too", () => {
  const cursor = new IncrementingCountCursor({
    cursorField: "id",
    start: 5,
    state: { state_type: "integer", slices: [{ start: 10, end: 12, most_recent_cursor_value: 12 }] },
  });
  deepStrictEqual([...cursor.slices()].map((s) => s.cursor_slice), [
    { start: 5, end: 10 },
    { start: 12, end: Infinity },
  ]);
  strictEqual(cursor.syncStart, 12);
  deepStrictEqual(cursor.finalState(), { id: 12 });
});

Deno.test("IncrementingCountCursor: a slice without values emits no checkpoint; a second slice with values is refused", () => {
  const cursor = new IncrementingCountCursor({ cursorField: "id" });
  const a = { partition: {}, cursor_slice: { start: 0, end: 10 } };
  const b = { partition: {}, cursor_slice: { start: 12, end: Infinity } };
  strictEqual(cursor.close(a), undefined);
  cursor.observe({ id: 13 }, b);
  throws(() => cursor.close(b), /one slice/);
});

Deno.test("IncrementingCountCursor: the start value goes into the request through start_value_option", () => {
  const cursor = new IncrementingCountCursor({
    cursorField: "id",
    start: 3,
    startValueOption: { injectInto: "body_json", fieldPath: ["filter", "after"] },
  });
  const [slice] = [...cursor.slices()];
  const parts = cursor.applyToRequest({ path: "/x", query: {}, headers: {} }, slice);
  deepStrictEqual(parts.json, { filter: { after: 3 } });
});
