import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { cacheFor, cacheSummary, existingCache, ResponseCache } from "./cache.ts";
import { compose } from "./requester.ts";

function counting(
  reply: (request: Request, n: number) => Response = (r, n) => new Response(`${r.url}#${n}`),
) {
  const seen: string[] = [];
  const base = (request: Request) => {
    seen.push(`${request.method} ${request.url}`);
    return Promise.resolve(reply(request, seen.length));
  };
  return { seen, base };
}

Deno.test("cache: a repeated GET is served from memory with the same status, headers, body and url", async () => {
  const { seen, base } = counting((_r, n) =>
    new Response(JSON.stringify({ n }), { headers: { link: '<?page=2>; rel="next"', "x-n": String(n) } })
  );
  const cache = new ResponseCache();
  const requester = compose(base, cache.middleware());
  const first = await requester(new Request("https://api.test/items?a=1"));
  strictEqual(await first.text(), '{"n":1}');
  const second = await requester(new Request("https://api.test/items?a=1"));
  strictEqual(await second.text(), '{"n":1}');
  strictEqual(second.headers.get("x-n"), "1");
  strictEqual(second.url, "https://api.test/items?a=1");
  // a third hit still has a body (entries are copied, never consumed)
  strictEqual(await (await requester(new Request("https://api.test/items?a=1"))).text(), '{"n":1}');
  strictEqual(seen.length, 1);
  deepStrictEqual(cache.stats(), { hits: 2, misses: 1, entries: 1, bytes: 7, evictions: 0 });
});

Deno.test("cache: the key includes method, full URL and request headers", async () => {
  const { seen, base } = counting();
  const cache = new ResponseCache();
  const requester = compose(base, cache.middleware());
  await requester(new Request("https://api.test/a?x=1"));
  await requester(new Request("https://api.test/a?x=2"));
  await requester(new Request("https://api.test/a?x=1", { headers: { accept: "text/csv" } }));
  await requester(new Request("https://api.test/a?x=1", { method: "POST", body: "{}" }));
  await requester(new Request("https://api.test/a?x=1", { method: "POST", body: "{}" }));
  await requester(new Request("https://api.test/a?x=1", { headers: { accept: "text/csv" } }));
  strictEqual(seen.length, 5, seen.join("\n"));
  strictEqual(cache.stats().hits, 1);
  strictEqual(cache.stats().misses, 3, "POSTs are not counted");
});

Deno.test("cache: only 200 responses that the error handler did not ignore are kept", async () => {
  const statuses = [404, 404, 500, 200, 200];
  const { seen, base } = counting(() => new Response("x", { status: statuses.shift() }));
  const requester = compose(base, new ResponseCache().middleware());
  for (let i = 0; i < 5; i++) await (await requester(new Request("https://api.test/x"))).text();
  strictEqual(seen.length, 4);
});

Deno.test("cache: LRU eviction by entry count and by bytes; large bodies are not stored", async () => {
  const { seen, base } = counting((r) =>
    new Response(new URL(r.url).pathname === "/big" ? "x".repeat(50) : "0123456789")
  );
  const cache = new ResponseCache({ maxEntries: 2, maxBytes: 25, maxEntryBytes: 20 });
  const get = async (path: string) =>
    await (await compose(base, cache.middleware())(new Request(`https://api.test${path}`))).text();
  await get("/a");
  await get("/b");
  await get("/a"); // hit: /a becomes most recent
  await get("/c"); // evicts /b (least recently used)
  strictEqual(cache.stats().evictions, 1);
  await get("/a"); // still cached
  await get("/b"); // miss again
  strictEqual(seen.filter((s) => s.endsWith("/b")).length, 2);
  strictEqual(seen.filter((s) => s.endsWith("/a")).length, 1);
  await get("/big");
  await get("/big");
  strictEqual(seen.filter((s) => s.endsWith("/big")).length, 2);
  ok(cache.stats().bytes <= 25);
});

Deno.test("cache: concurrent identical requests share one network call", async () => {
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  let calls = 0;
  const base = async () => {
    calls++;
    await gate;
    return new Response("shared");
  };
  const requester = compose(base, new ResponseCache().middleware());
  const both = Promise.all([
    requester(new Request("https://api.test/s")),
    requester(new Request("https://api.test/s")),
  ]);
  release();
  const [a, b] = await both;
  deepStrictEqual([await a.text(), await b.text()], ["shared", "shared"]);
  strictEqual(calls, 1);
});

Deno.test("cacheFor scopes one cache per object; summary line", () => {
  const scope = {};
  strictEqual(existingCache(scope), undefined);
  const cache = cacheFor(scope);
  strictEqual(existingCache(scope), cache);
  strictEqual(cacheSummary(cache), "response cache: 0 hits, 0 misses (0 entries, 0 bytes, 0 evictions)");
});
