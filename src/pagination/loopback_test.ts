// End-to-end over a loopback server: request parts -> URL -> fetch -> decode -> select -> next token.
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { offsetPaginator } from "./offset.ts";
import { linkHeaderPaginator } from "./link_header.ts";
import { guardPaginator } from "./guards.ts";
import { mergeQueryIntoUrl } from "./request_path.ts";
import { jsonDecoder } from "../extract/decoders/json.ts";
import { recordSelector, selectPage } from "../extract/record_selector.ts";
import type { Paginator, RequestParts } from "./types.ts";
import type { RecordData } from "../types.ts";

async function readAll(base: string, paginator: Paginator, fieldPath: string[]): Promise<RecordData[]> {
  const select = recordSelector({ fieldPath });
  const out: RecordData[] = [];
  let token = paginator.initialToken();
  for (let page = 0; page < 50; page++) {
    const parts = paginator.apply({ path: "/items", query: {}, headers: {} } as RequestParts, token);
    const url = mergeQueryIntoUrl(parts.url ?? base + parts.path, parts.query);
    const response = await fetch(url, { headers: parts.headers });
    const sel = await selectPage(response, jsonDecoder(), select);
    out.push(...sel.records);
    const next = paginator.nextToken({
      response,
      body: sel.body,
      records: sel.records,
      lastPageSize: sel.extracted,
      lastRecord: sel.records.at(-1),
      token,
    });
    if (next === undefined) return out;
    token = next;
  }
  throw new Error("no end");
}

Deno.test("offset pagination against a loopback API reads every record once and never re-requests a page", async () => {
  const requested: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const u = new URL(req.url);
    requested.push(u.search);
    const offset = Number(u.searchParams.get("offset") ?? 0), limit = Number(u.searchParams.get("limit"));
    const items = Array.from({ length: 23 }, (_, i) => ({ id: i })).slice(offset, offset + limit);
    return Response.json({ items });
  });
  try {
    const base = `http://127.0.0.1:${server.addr.port}`;
    const p = guardPaginator(
      offsetPaginator({
        pageSize: 10,
        offsetOption: { injectInto: "request_parameter", fieldName: "offset" },
        limitOption: { injectInto: "request_parameter", fieldName: "limit" },
      }),
      { maxPages: 10 },
    );
    const records = await readAll(base, p, ["items"]);
    deepStrictEqual(records.map((r) => r.id), Array.from({ length: 23 }, (_, i) => i));
    deepStrictEqual(requested, ["?limit=10", "?offset=10&limit=10", "?offset=20&limit=10"]);
  } finally {
    await server.shutdown();
  }
});

Deno.test("Link header pagination against a loopback API follows rel=next with relative URLs", async () => {
  let hits = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    hits++;
    const page = Number(new URL(req.url).searchParams.get("page") ?? 1);
    const headers = new Headers({ "content-type": "application/json" });
    if (page < 3) {
      headers.set("link", `</items?page=${page + 1}&per_page=2>; rel="next", </items?page=3>; rel="last"`);
    }
    return new Response(JSON.stringify([{ page, i: 0 }, { page, i: 1 }]), { headers });
  });
  try {
    const base = `http://127.0.0.1:${server.addr.port}`;
    const p = guardPaginator(
      linkHeaderPaginator({
        pageSize: 2,
        pageSizeOption: { injectInto: "request_parameter", fieldName: "per_page" },
      }),
    );
    const records = await readAll(base, p, []);
    deepStrictEqual(records.map((r) => r.page), [1, 1, 2, 2, 3, 3]);
    strictEqual(hits, 3);
  } finally {
    await server.shutdown();
  }
});
