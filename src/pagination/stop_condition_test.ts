import { strictEqual } from "node:assert/strict";
import { withStopCondition } from "./stop_condition.ts";
import { offsetIncrement } from "./offset.ts";
import { pageOf } from "./_test_util.ts";

Deno.test("stop condition ends pagination on an old last record, else defers to the strategy", () => {
  const s = withStopCondition(offsetIncrement({ pageSize: 2 }), (r) => (r.ts as number) < 100);
  strictEqual(s.nextToken(pageOf([{ ts: 300 }, { ts: 200 }], undefined)), 2);
  strictEqual(s.nextToken(pageOf([{ ts: 150 }, { ts: 50 }], 2)), undefined);
  strictEqual(s.nextToken(pageOf([], 2)), undefined);
  strictEqual(s.pageSize(), 2);
});
