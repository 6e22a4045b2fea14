import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { guardPaginator } from "./guards.ts";
import { cursorPaginator } from "./cursor.ts";
import { pageOf, runPages } from "./_test_util.ts";
import { SpoutError } from "../errors.ts";
import { fakeEnv } from "../env.ts";
import { offsetPaginator } from "./offset.ts";

function cursorFrom(sequence: string[]) {
  let i = 0;
  return cursorPaginator({
    cursorValue: () => sequence[i++],
    tokenOption: { injectInto: "request_parameter", fieldName: "c" },
  });
}

Deno.test("guard: the same next token twice in a row is a pagination_loop", () => {
  const g = guardPaginator(cursorFrom(["a", "a"]));
  const err = (() => {
    try {
      runPages(g, () => ({ records: [{}] }));
    } catch (e) {
      return e;
    }
  })();
  strictEqual(err instanceof SpoutError && err.code, "pagination_loop");
});

Deno.test("guard: a token cycle is a pagination_loop", () => {
  const g = guardPaginator(cursorFrom(["a", "b", "c", "a"]));
  throws(
    () => runPages(g, () => ({ records: [{}] })),
    (e: unknown) => e instanceof SpoutError && /cycle/.test(e.message),
  );
});

Deno.test("guard: max pages fails naming the limit, or stops with a warning", () => {
  const api = () => ({ records: [{}, {}] });
  const mk = () =>
    offsetPaginator({ pageSize: 2, offsetOption: { injectInto: "request_parameter", fieldName: "o" } });
  throws(
    () => runPages(guardPaginator(mk(), { maxPages: 3 }), api),
    (e: unknown) => e instanceof SpoutError && e.code === "pagination_limit" && /3 pages/.test(e.message),
  );
  const logs: string[] = [];
  const env = fakeEnv({ log: (_l, m) => logs.push(m) });
  const requests = runPages(guardPaginator(mk(), { maxPages: 3, onLimit: "stop", env }), api);
  strictEqual(requests.length, 3);
  strictEqual(logs.length, 1);
});

Deno.test("guard state resets with initialToken and reset()", () => {
  const g = guardPaginator(
    cursorPaginator({ cursorValue: () => "same", tokenOption: { injectInto: "header", fieldName: "c" } }),
  );
  g.initialToken();
  strictEqual(g.nextToken(pageOf([{}], undefined)), "same");
  g.reset!();
  strictEqual(g.nextToken(pageOf([{}], undefined)), "same");
  g.initialToken();
  deepStrictEqual(g.nextToken(pageOf([{}], undefined)), "same");
});
