import { deepStrictEqual, throws } from "node:assert/strict";
import { offsetIncrement, offsetPaginator } from "./offset.ts";
import { pageOf, runPages } from "./_test_util.ts";
import type { RequestParts } from "./types.ts";

const data = Array.from({ length: 7 }, (_, i) => ({ id: i }));
const api = (parts: RequestParts) => {
  const offset = Number(parts.query.offset ?? 0);
  const limit = Number(parts.query.limit);
  return { records: data.slice(offset, offset + limit) };
};

Deno.test("offset paginator stops on a short page and never re-requests a page", () => {
  const p = offsetPaginator({
    pageSize: 3,
    offsetOption: { injectInto: "request_parameter", fieldName: "offset" },
    limitOption: { injectInto: "request_parameter", fieldName: "limit" },
  });
  const requests = runPages(p, api);
  deepStrictEqual(requests.map((r) => r.query), [
    { limit: "3" },
    { offset: "3", limit: "3" },
    { offset: "6", limit: "3" },
  ]);
});

Deno.test("offset inject_on_first_request sends offset=0, and an exact last page ends on an empty page", () => {
  const p = offsetPaginator({
    pageSize: 7,
    injectOnFirstRequest: true,
    offsetOption: { injectInto: "request_parameter", fieldName: "offset" },
    limitOption: { injectInto: "request_parameter", fieldName: "limit" },
  });
  deepStrictEqual(runPages(p, api).map((r) => r.query.offset), ["0", "7"]);
});

Deno.test("offset without page size stops only on an empty page", () => {
  const s = offsetIncrement();
  deepStrictEqual(s.nextToken(pageOf([{}], undefined)), 1);
  deepStrictEqual(s.nextToken(pageOf([{}, {}], 1)), 3);
  deepStrictEqual(s.nextToken(pageOf([], 3)), undefined);
  throws(() => s.nextToken(pageOf([{}], "abc")), /non-integer/);
});

Deno.test("offset countRecords replaces the selector's count (Airbyte strategy extractor)", () => {
  const s = offsetIncrement({
    pageSize: 2,
    countRecords: (p) => (p.body as { results: unknown[] }).results.length,
  });
  deepStrictEqual(s.nextToken(pageOf([], 0, { results: [1, 2] })), 2);
  deepStrictEqual(s.nextToken(pageOf([{}, {}], 2, { results: [1] })), undefined);
});
