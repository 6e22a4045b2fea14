import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { injectOption, validateRequestOption } from "./request_option.ts";
import { emptyParts } from "./_test_util.ts";

Deno.test("injectOption writes each request part", () => {
  const parts = emptyParts();
  injectOption(parts, { injectInto: "request_parameter", fieldName: "limit" }, 50);
  injectOption(parts, { injectInto: "header", fieldName: "X-Page" }, "p2");
  injectOption(parts, { injectInto: "body_data", fieldName: "cursor" }, true);
  injectOption(parts, { injectInto: "body_json", fieldName: "size" }, 10);
  injectOption(parts, { injectInto: "body_json", fieldPath: ["page", "options", "after"] }, "abc");
  injectOption(parts, { injectInto: "body_json", fieldPath: ["page", "limit"] }, 5);
  deepStrictEqual(parts.query, { limit: "50" });
  deepStrictEqual(parts.headers, { "X-Page": "p2" });
  deepStrictEqual(parts.form, { cursor: "True" });
  deepStrictEqual(parts.json, { size: 10, page: { options: { after: "abc" }, limit: 5 } });
});

Deno.test("injectOption repeats a query key for arrays", () => {
  const parts = injectOption(emptyParts(), { injectInto: "request_parameter", fieldName: "id" }, [1, 2]);
  deepStrictEqual(parts.query.id, ["1", "2"]);
});

Deno.test("request options are validated like Airbyte's", () => {
  throws(() => validateRequestOption({ injectInto: "header" }), /field_name or a field_path/);
  throws(
    () => validateRequestOption({ injectInto: "body_json", fieldName: "a", fieldPath: ["a"] }),
    /not both/,
  );
  throws(
    () => validateRequestOption({ injectInto: "request_parameter", fieldPath: ["a", "b"] }),
    /body_json/,
  );
  throws(() => validateRequestOption({ injectInto: "body_json", fieldPath: ["__proto__", "x"] }), /may not/);
  throws(
    () => injectOption(emptyParts(), { injectInto: "body_json", fieldPath: ["__proto__", "polluted"] }, 1),
    /may not/,
  );
  strictEqual(({} as Record<string, unknown>).polluted, undefined);
});

Deno.test("paginator.apply does not modify the caller's parts", async () => {
  const { defaultPaginator } = await import("./default_paginator.ts");
  const { offsetIncrement } = await import("./offset.ts");
  const p = defaultPaginator({
    strategy: offsetIncrement({ pageSize: 5 }),
    pageTokenOption: { injectInto: "body_json", fieldPath: ["page", "offset"] },
    pageSizeOption: { injectInto: "request_parameter", fieldName: "limit" },
  });
  const base = { path: "/x", query: { q: "1" }, headers: {}, json: { page: { size: 5 } } };
  const applied = p.apply(base, 10);
  deepStrictEqual(applied.json, { page: { size: 5, offset: 10 } });
  deepStrictEqual(applied.query, { q: "1", limit: "5" });
  deepStrictEqual(base, { path: "/x", query: { q: "1" }, headers: {}, json: { page: { size: 5 } } });
});
