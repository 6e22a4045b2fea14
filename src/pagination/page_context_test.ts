import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { pageContextFrom } from "./page_context.ts";
import { offsetIncrement } from "./offset.ts";
import { recordSelector, selectPage } from "../extract/record_selector.ts";
import { jsonDecoder } from "../extract/decoders/json.ts";

Deno.test("a record filter that drops records from a full page does not end offset pagination", async () => {
  const select = recordSelector({ fieldPath: ["items"], filter: (r) => r.keep === true });
  const body = JSON.stringify({ items: [{ keep: true }, { keep: false }, { keep: true }] });
  const response = new Response(body);
  const page = await selectPage(response, jsonDecoder(), select);
  deepStrictEqual(page.records.length, 2);
  const ctx = pageContextFrom(response, page, undefined);
  strictEqual(offsetIncrement({ pageSize: 3 }).nextToken(ctx), 3);
});
