import { deepStrictEqual, rejects, strictEqual } from "node:assert/strict";
import { fakeEnv } from "../env.ts";
import type { Paginator, RequestParts } from "../pagination/types.ts";
import { SecretMasker } from "../secrets.ts";
import { readPages } from "./page_reader.ts";
import type { ReadContext } from "./types.ts";

const ctx = (extra: Partial<ReadContext> = {}): ReadContext => ({
  env: fakeEnv(),
  masker: new SecretMasker(),
  ...extra,
});
const parts: RequestParts = { path: "items", query: {}, headers: {} };
const build = (p: RequestParts) =>
  new Request(`http://api.test/${p.path}?${new URLSearchParams(p.query as Record<string, string>)}`);
const bodyNext: Paginator = {
  initialToken: () => undefined,
  nextToken: ({ body }) => (body as { next?: string }).next ?? undefined,
  apply: (p, token) => (token === undefined ? p : { ...p, query: { ...p.query, cursor: String(token) } }),
};
const items = (doc: unknown) => (doc as { items: Record<string, unknown>[] }).items;

Deno.test("page reader requests pages lazily: the next page is fetched only when asked for", async () => {
  const urls: string[] = [];
  const requester = (req: Request) => {
    urls.push(req.url);
    const cursor = new URL(req.url).searchParams.get("cursor");
    return Promise.resolve(
      Response.json(cursor ? { items: [{ id: 2 }] } : { items: [{ id: 1 }], next: "b" }),
    );
  };
  const it = readPages({
    requester,
    buildRequest: build,
    parts,
    paginator: bodyNext,
    select: items,
    ctx: ctx(),
  });
  const first = await it.next();
  strictEqual(urls.length, 1);
  deepStrictEqual(first.value && first.value.records, [{ id: 1 }]);
  const second = await it.next();
  deepStrictEqual(second.value && second.value.records, [{ id: 2 }]);
  strictEqual((await it.next()).done, true);
  deepStrictEqual(urls, ["http://api.test/items?", "http://api.test/items?cursor=b"]);
});

Deno.test("page reader stops with pagination_loop when the API repeats a token", async () => {
  let calls = 0;
  const requester = () => {
    calls++;
    return Promise.resolve(Response.json({ items: [{ id: calls }], next: "same" }));
  };
  await rejects(async () => {
    for await (
      const _ of readPages({
        requester,
        buildRequest: build,
        parts,
        paginator: bodyNext,
        select: items,
        ctx: ctx(),
      })
    ) {
      // drain
    }
  }, (e: Error & { code?: string }) => e.code === "pagination_loop");
  strictEqual(calls, 2);
});

Deno.test("page reader detects a token cycle (a, b, a)", async () => {
  const next: Record<string, string> = { "": "a", a: "b", b: "a" };
  const requester = (req: Request) =>
    Promise.resolve(
      Response.json({ items: [], next: next[new URL(req.url).searchParams.get("cursor") ?? ""] }),
    );
  await rejects(async () => {
    for await (
      const _ of readPages({
        requester,
        buildRequest: build,
        parts,
        paginator: bodyNext,
        select: items,
        ctx: ctx(),
      })
    ) {
      // drain
    }
  }, /already used/);
});

Deno.test("page reader honours maxPages quietly and pageLimit loudly", async () => {
  let n = 0;
  const requester = () => Promise.resolve(Response.json({ items: [{ id: ++n }], next: `t${n}` }));
  const pages = [];
  for await (
    const p of readPages({
      requester,
      buildRequest: build,
      parts,
      paginator: bodyNext,
      select: items,
      ctx: ctx({ maxPages: 3 }),
    })
  ) {
    pages.push(p.page);
  }
  deepStrictEqual(pages, [1, 2, 3]);
  await rejects(async () => {
    for await (
      const _ of readPages({
        requester,
        buildRequest: build,
        parts,
        paginator: bodyNext,
        select: items,
        pageLimit: 5,
        ctx: ctx(),
      })
    ) {
      // drain
    }
  }, (e: Error & { code?: string }) => e.code === "pagination_loop");
});

Deno.test("page reader: an ignored response yields no records and ends the slice", async () => {
  let calls = 0;
  const requester = () => {
    calls++;
    return Promise.resolve(new Response("gone", { status: 404 }));
  };
  const pages = [];
  for await (
    const p of readPages({
      requester,
      buildRequest: build,
      parts,
      paginator: bodyNext,
      select: items,
      ctx: ctx(),
    })
  ) pages.push(p);
  strictEqual(calls, 1);
  strictEqual(pages.length, 1);
  strictEqual(pages[0].ignored, true);
  deepStrictEqual(pages[0].records, []);
});

Deno.test("page reader: invalid JSON is a decode_error, not an empty page", async () => {
  const requester = () => Promise.resolve(new Response("<html>oops</html>", { status: 200 }));
  await rejects(async () => {
    for await (const _ of readPages({ requester, buildRequest: build, parts, select: items, ctx: ctx() })) {
      // drain
    }
  }, (e: Error & { code?: string }) => e.code === "decode_error");
});

Deno.test("page reader: stop condition and post-filter (data feed)", async () => {
  let calls = 0;
  const requester = () => {
    calls++;
    return Promise.resolve(Response.json({ items: [{ t: 5 }, { t: 3 }, { t: 1 }], next: `p${calls}` }));
  };
  const pages = [];
  for await (
    const p of readPages({
      requester,
      buildRequest: build,
      parts,
      paginator: bodyNext,
      select: items,
      stopAfter: (r) => (r.t as number) < 2,
      postFilter: (r) => (r.t as number) >= 2,
      ctx: ctx(),
    })
  ) pages.push(p.records);
  strictEqual(calls, 1);
  deepStrictEqual(pages, [[{ t: 5 }, { t: 3 }]]);
});

Deno.test("page reader reports exchanges with secrets masked", async () => {
  const masker = new SecretMasker();
  masker.add("tok-secret");
  const seen: string[] = [];
  const requester = () => Promise.resolve(Response.json({ items: [] }));
  for await (
    const _ of readPages({
      requester,
      buildRequest: () =>
        new Request("http://api.test/x?key=tok-secret", { headers: { authorization: "Bearer tok-secret" } }),
      parts,
      select: items,
      ctx: ctx({ masker, observer: { onExchange: (e) => seen.push(e.url, e.requestHeaders.authorization) } }),
    })
  ) {
    // drain
  }
  deepStrictEqual(seen, ["http://api.test/x?key=****", "Bearer ****"]);
});

Deno.test("page reader restarts pagination on RESET_PAGINATION with narrowed parts, and gives up on a repeat", async () => {
  const { SpoutError } = await import("../errors.ts");
  const urls: string[] = [];
  let resets = 1;
  const requester = (req: Request) => {
    urls.push(req.url);
    const q = new URL(req.url).searchParams;
    if (q.get("cursor") === "b" && resets-- > 0) {
      return Promise.reject(new SpoutError("http_reset_pagination", "reset"));
    }
    return Promise.resolve(
      Response.json(q.get("cursor") ? { items: [{ id: 2 }] } : { items: [{ id: 1 }], next: "b" }),
    );
  };
  const pages = [];
  for await (
    const p of readPages({
      requester,
      buildRequest: build,
      parts,
      paginator: bodyNext,
      select: items,
      reset: { parts: () => ({ ...parts, query: { since: "1" } }) },
      ctx: ctx(),
    })
  ) pages.push(p.records.map((r) => r.id));
  deepStrictEqual(pages, [[1], [1], [2]]);
  deepStrictEqual(urls, [
    "http://api.test/items?",
    "http://api.test/items?cursor=b",
    "http://api.test/items?since=1",
    "http://api.test/items?since=1&cursor=b",
  ]);
  // without narrowing, the same request may be restarted once only
  let always = 0;
  await rejects(async () => {
    for await (
      const _ of readPages({
        requester: () => (always++, Promise.reject(new SpoutError("http_reset_pagination", "reset"))),
        buildRequest: build,
        parts,
        paginator: bodyNext,
        select: items,
        reset: {},
        ctx: ctx(),
      })
    ) {
      // drain
    }
  }, (e: Error & { code?: string }) => e.code === "pagination_loop");
  strictEqual(always, 2);
});

Deno.test("page reader restarts after a number of records (pagination_reset limits)", async () => {
  let n = 0;
  const requester = (req: Request) => {
    const q = new URL(req.url).searchParams;
    const from = Number(q.get("from") ?? 0);
    const cursor = Number(q.get("cursor") ?? from);
    n++;
    const ids = [cursor, cursor + 1];
    return Promise.resolve(
      Response.json({
        items: ids.map((id) => ({ id })),
        next: cursor + 2 < 10 ? String(cursor + 2) : undefined,
      }),
    );
  };
  let last = 0;
  const seen: unknown[] = [];
  for await (
    const p of readPages({
      requester,
      buildRequest: build,
      parts,
      paginator: bodyNext,
      select: (doc) => {
        const rows = items(doc);
        last = rows.at(-1)!.id as number;
        return rows;
      },
      reset: { afterRecords: 4, parts: () => ({ ...parts, query: { from: String(last + 1) } }) },
      ctx: ctx(),
    })
  ) seen.push(...p.records.map((r) => r.id));
  deepStrictEqual(seen, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  strictEqual(n, 5);
});
