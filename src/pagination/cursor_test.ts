import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { cursorPaginator } from "./cursor.ts";
import { pageOf, runPages } from "./_test_util.ts";
import type { RequestParts } from "./types.ts";
import { REQUEST_PATH } from "./request_path.ts";

const pages: Record<string, { items: { id: number }[]; next: string | null; has_more: boolean }> = {
  "": { items: [{ id: 1 }, { id: 2 }], next: "c2", has_more: true },
  c2: { items: [{ id: 3 }], next: "c3", has_more: false },
  c3: { items: [{ id: 4 }], next: null, has_more: false },
};
const api = (parts: RequestParts) => {
  const body = pages[(parts.json?.cursor as string) ?? ""];
  return { records: body.items, body };
};

Deno.test("cursor pagination reads the token from the body and honours the stop condition", () => {
  const p = cursorPaginator({
    cursorValue: (page) => (page.body as { next: string }).next,
    stopCondition: (page) => !(page.body as { has_more: boolean }).has_more,
    tokenOption: { injectInto: "body_json", fieldName: "cursor" },
  });
  deepStrictEqual(runPages(p, api).map((r) => r.json?.cursor), [undefined, "c2"]);
});

Deno.test("cursor pagination stops on a Python-falsy cursor value", () => {
  const p = cursorPaginator({
    cursorValue: (page) => (page.body as { next: string | null }).next,
    tokenOption: { injectInto: "body_json", fieldName: "cursor" },
  });
  deepStrictEqual(runPages(p, api).map((r) => r.json?.cursor), [undefined, "c2", "c3"]);
  for (const falsy of ["", 0, [], {}, null, false]) {
    strictEqual(p.nextToken(pageOf([], undefined, { next: falsy })), undefined);
  }
  // A cursor from the last record.
  const q = cursorPaginator({ cursorValue: (page) => page.records.at(-1)?.id, tokenOption: REQUEST_PATH });
  strictEqual(q.nextToken(pageOf([{ id: "u9" }], undefined)), "u9");
});
