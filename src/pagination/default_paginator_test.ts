import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { defaultPaginator } from "./default_paginator.ts";
import { offsetIncrement } from "./offset.ts";
import { pageIncrement } from "./page_number.ts";
import { cursorPagination } from "./cursor.ts";
import { findLink } from "./link_header.ts";
import { REQUEST_PATH } from "./request_path.ts";
import { emptyParts, pageOf } from "./_test_util.ts";

// Expected values were printed by airbyte_cdk's DefaultPaginator for the same configurations.
Deno.test("DefaultPaginator parity: offset into nested body_json, limit in the query", () => {
  const p = defaultPaginator({
    strategy: offsetIncrement({ pageSize: 3, injectOnFirstRequest: true }),
    pageSizeOption: { injectInto: "request_parameter", fieldName: "limit" },
    pageTokenOption: { injectInto: "body_json", fieldPath: ["page", "offset"] },
  });
  const t = p.initialToken();
  strictEqual(t, 0);
  const first = p.apply(emptyParts(), t);
  deepStrictEqual(first.query, { limit: "3" });
  deepStrictEqual(first.json, { page: { offset: 0 } });
  strictEqual(p.nextToken(pageOf([{}, {}, {}], 0)), 3);
  strictEqual(p.nextToken(pageOf([{}, {}], 3)), undefined);
});

Deno.test("DefaultPaginator parity: RequestPath token keeps the page size parameter", () => {
  const p = defaultPaginator({
    strategy: cursorPagination({ cursorValue: (page) => findLink(page.response.headers), pageSize: 5 }),
    pageSizeOption: { injectInto: "request_parameter", fieldName: "per_page" },
    pageTokenOption: REQUEST_PATH,
  });
  const next = p.nextToken(
    pageOf([], undefined, [], { link: '<https://a.test/x?page=2&per_page=5>; rel="next"' }),
  );
  strictEqual(next, "https://a.test/x?page=2&per_page=5");
  const parts = p.apply(emptyParts(), next);
  strictEqual(parts.url, next);
  deepStrictEqual(parts.query, { per_page: "5" });
});

Deno.test("DefaultPaginator parity: page increment from 1 into a header, no first-page injection", () => {
  const p = defaultPaginator({
    strategy: pageIncrement({ startFromPage: 1 }),
    pageTokenOption: { injectInto: "header", fieldName: "X-Page" },
  });
  strictEqual(p.initialToken(), undefined);
  strictEqual(p.nextToken(pageOf([{}], undefined)), 2);
  deepStrictEqual(p.apply(emptyParts(), 2).headers, { "X-Page": "2" });
});

Deno.test("page_size_option without a strategy page size is a config error", () => {
  throws(
    () =>
      defaultPaginator({
        strategy: pageIncrement(),
        pageSizeOption: { injectInto: "header", fieldName: "n" },
      }),
    /page_size_option/,
  );
});
