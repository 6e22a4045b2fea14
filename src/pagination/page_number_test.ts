import { deepStrictEqual } from "node:assert/strict";
import { pageIncrement, pageNumberPaginator } from "./page_number.ts";
import { pageOf, runPages } from "./_test_util.ts";
import type { RequestParts } from "./types.ts";

const data = Array.from({ length: 5 }, (_, i) => ({ id: i }));
const page = { injectInto: "request_parameter", fieldName: "page" } as const;
const size = { injectInto: "request_parameter", fieldName: "per_page" } as const;

Deno.test("page numbers starting at 1 (1-based API)", () => {
  const api = (p: RequestParts) => {
    const n = Number(p.query.page);
    return { records: data.slice((n - 1) * 2, n * 2) };
  };
  const p = pageNumberPaginator({
    pageSize: 2,
    startFromPage: 1,
    injectOnFirstRequest: true,
    pageOption: page,
    pageSizeOption: size,
  });
  deepStrictEqual(runPages(p, api).map((r) => r.query), [
    { page: "1", per_page: "2" },
    { page: "2", per_page: "2" },
    { page: "3", per_page: "2" },
  ]);
});

Deno.test("page numbers starting at 0 (Airbyte default) without injecting the first page", () => {
  const api = (p: RequestParts) => {
    const n = Number(p.query.page ?? 0);
    return { records: data.slice(n * 2, n * 2 + 2) };
  };
  const p = pageNumberPaginator({ pageSize: 2, pageOption: page });
  deepStrictEqual(runPages(p, api).map((r) => r.query.page), [undefined, "1", "2"]);
});

Deno.test("page increment: start_from_page 1 without injection asks for page 2 next", () => {
  const s = pageIncrement({ startFromPage: 1 });
  deepStrictEqual(s.initialToken(), undefined);
  deepStrictEqual(s.nextToken(pageOf([{}], undefined)), 2);
  deepStrictEqual(s.nextToken(pageOf([], 2)), undefined);
});
