import { deepStrictEqual, ok, rejects, strictEqual } from "node:assert/strict";
import type { SpoutError } from "../errors.ts";
import { CredentialRegistry } from "./credentials.ts";
import { followRedirects } from "./redirect.ts";
import { compose } from "./requester.ts";

interface Seen {
  path: string;
  method: string;
  authorization: string | null;
  apiKey: string | null;
  cookie: string | null;
  query: string;
  body: string;
}

function recordingServer(handler: (url: URL) => Response) {
  const seen: Seen[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const url = new URL(req.url);
    seen.push({
      path: url.pathname,
      method: req.method,
      authorization: req.headers.get("authorization"),
      apiKey: req.headers.get("x-api-key"),
      cookie: req.headers.get("cookie"),
      query: url.search,
      body: await req.text(),
    });
    return handler(url);
  });
  return { server, seen, base: `http://127.0.0.1:${server.addr.port}` };
}

Deno.test("cross-origin redirect strips Authorization, Cookie, registered headers and query keys", async () => {
  const b = recordingServer(() => new Response("from b"));
  const a = recordingServer((url) =>
    url.pathname === "/same"
      ? new Response(null, { status: 302, headers: { location: "/start" } })
      : new Response(null, { status: 302, headers: { location: `${b.base}/landing?api_key=s3cret&page=2` } })
  );
  try {
    const credentials = new CredentialRegistry();
    credentials.addHeader("X-Api-Key");
    credentials.addQueryParam("api_key");
    const requester = compose((r) => fetch(r), followRedirects({ credentials }));
    const res = await requester(
      new Request(`${a.base}/same?api_key=s3cret`, {
        headers: {
          authorization: "Bearer tok",
          "x-api-key": "k",
          cookie: "sid=1",
          accept: "application/json",
        },
      }),
    );
    strictEqual(await res.text(), "from b");
    // same-origin hop keeps credentials
    deepStrictEqual(a.seen.map((s) => [s.path, s.authorization, s.apiKey, s.cookie]), [
      ["/same", "Bearer tok", "k", "sid=1"],
      ["/start", "Bearer tok", "k", "sid=1"],
    ]);
    strictEqual(b.seen.length, 1);
    strictEqual(b.seen[0].authorization, null);
    strictEqual(b.seen[0].apiKey, null);
    strictEqual(b.seen[0].cookie, null);
    strictEqual(b.seen[0].query, "?page=2");
  } finally {
    await a.server.shutdown();
    await b.server.shutdown();
  }
});

Deno.test("303 turns POST into GET without body; 307 keeps method and body", async () => {
  const s = recordingServer((url) => {
    if (url.pathname === "/p303") return new Response(null, { status: 303, headers: { location: "/done" } });
    if (url.pathname === "/p307") return new Response(null, { status: 307, headers: { location: "/done" } });
    return new Response("done");
  });
  try {
    const requester = compose((r) => fetch(r), followRedirects());
    await requester(new Request(`${s.base}/p303`, { method: "POST", body: "x=1" }));
    await requester(new Request(`${s.base}/p307`, { method: "POST", body: "y=2" }));
    deepStrictEqual(s.seen.map((v) => [v.path, v.method, v.body]), [
      ["/p303", "POST", "x=1"],
      ["/done", "GET", ""],
      ["/p307", "POST", "y=2"],
      ["/done", "POST", "y=2"],
    ]);
  } finally {
    await s.server.shutdown();
  }
});

Deno.test("redirect loops stop with http_redirect after the limit", async () => {
  let calls = 0;
  const base = () => {
    calls++;
    return Promise.resolve(new Response(null, { status: 301, headers: { location: "/again" } }));
  };
  await rejects(
    compose(base, followRedirects({ maxRedirects: 3 }))(new Request("http://a.test/")),
    (e: SpoutError) => e.code === "http_redirect",
  );
  strictEqual(calls, 4);
  await rejects(
    compose(
      () => Promise.resolve(new Response(null, { status: 302, headers: { location: "file:///etc/passwd" } })),
      followRedirects(),
    )(
      new Request("http://a.test/"),
    ),
    (e: SpoutError) => e.code === "http_redirect",
  );
  const plain = await compose(() => Promise.resolve(new Response(null, { status: 304 })), followRedirects())(
    new Request("http://a.test/"),
  );
  ok(plain.status === 304);
});

Deno.test("first hop: a request already asking for manual redirects is passed on as is; others get one copy", async () => {
  const seen: Request[] = [];
  const requester = compose((r: Request) => {
    seen.push(r);
    return Promise.resolve(new Response("ok"));
  }, followRedirects());
  const manual = new Request("http://a.test/x", { redirect: "manual", headers: { "x-k": "v" } });
  await requester(manual);
  strictEqual(seen[0], manual);
  await requester(new Request("http://a.test/y", { headers: { "x-k": "v" } }));
  strictEqual(seen[1].redirect, "manual");
  strictEqual(seen[1].headers.get("x-k"), "v");
  const post = new Request("http://a.test/z", { method: "POST", body: "payload", redirect: "manual" });
  await requester(post);
  strictEqual(await seen[2].text(), "payload");
});
