import { deepStrictEqual, ok, rejects, strictEqual } from "node:assert/strict";
import { CredentialRegistry } from "../http/credentials.ts";
import { SpoutError } from "../errors.ts";
import { SecretMasker } from "../secrets.ts";
import { memoryFs } from "./fixture_fs.ts";
import { type RecordedExchange, recordingFetch, replayFetch } from "./record_replay.ts";

function counter(): (request: Request) => Promise<Response> {
  let n = 0;
  return async (request) => {
    const body = request.body ? await request.text() : "";
    return Response.json({ n: ++n, path: new URL(request.url).pathname, body }, {
      headers: { "set-cookie": "sid=abc" },
    });
  };
}

Deno.test("recording masks secrets in URL, headers and bodies and hides credential headers and params", async () => {
  const fs = memoryFs();
  const masker = new SecretMasker();
  masker.add("s3cret-value");
  const credentials = new CredentialRegistry();
  credentials.addHeader("X-Api-Key");
  credentials.addQueryParam("key");
  const rec = recordingFetch(counter(), "fx", masker, { fs, credentials });
  const response = await rec(
    new Request("http://api.test/a?key=k-123&q=s3cret-value", {
      method: "POST",
      headers: { "x-api-key": "k-123", "content-type": "application/json" },
      body: JSON.stringify({ token: "s3cret-value" }),
    }),
  );
  strictEqual((await response.json()).n, 1, "the caller gets the live response");
  const [name] = [...fs.files.keys()];
  strictEqual(name, "fx/0001-POST-a.json");
  const saved = fs.files.get(name)!;
  ok(!saved.includes("s3cret-value") && !saved.includes("k-123") && !saved.includes("sid=abc"), saved);
  const exchange = JSON.parse(saved) as RecordedExchange;
  strictEqual(exchange.request.url, "http://api.test/a?key=****&q=****");
  strictEqual(exchange.request.headers["x-api-key"], "****");
  strictEqual(exchange.request.body, '{"token":"****"}');
  strictEqual(exchange.response.headers["set-cookie"], "****");
});

Deno.test("replay answers repeated requests in recorded order, matches masked values as wildcards, then fails", async () => {
  const fs = memoryFs();
  const rec = recordingFetch(counter(), "fx", { mask: (t) => t.replaceAll("tok", "****") }, { fs });
  await rec(new Request("http://live:1/p?b=2&a=tok"));
  await rec(new Request("http://live:1/p?b=2&a=tok"));
  await rec(new Request("http://live:1/form", { method: "POST", body: "secret=tok&x=1" }));
  const replay = replayFetch("fx", { fs });
  // Parameter order, encoding and origin do not matter; **** matches any value.
  strictEqual((await (await replay(new Request("http://other/p?a=zzz&b=2"))).json()).n, 1);
  strictEqual((await (await replay(new Request("http://other/p?a=%7A&b=2"))).json()).n, 2);
  await rejects(
    replay(new Request("http://other/form", { method: "POST", body: "secret=x&x=2" })),
    /different body/,
  );
  const form = await replay(new Request("http://other/form", { method: "POST", body: "secret=real&x=1" }));
  strictEqual((await form.json()).n, 3);
  const error = await rejects(replay(new Request("http://other/p?a=1&b=2")), (e: unknown) => {
    ok(e instanceof SpoutError && e.code === "http_replay_unmatched");
    ok(e.message.includes("all 2 recorded answers for it were already used"), e.message);
    return true;
  });
  strictEqual(error, undefined);
});

Deno.test("binary bodies round-trip as base64; keepExisting continues numbering; empty dirs fail clearly", async () => {
  const fs = memoryFs();
  const bytes = new Uint8Array([0, 255, 1, 128]);
  const binary = () =>
    Promise.resolve(new Response(bytes, { headers: { "content-type": "application/octet-stream" } }));
  await recordingFetch(binary, "fx", undefined, { fs })(new Request("http://x/bin"));
  await recordingFetch(binary, "fx", undefined, { fs, keepExisting: true })(new Request("http://x/bin"));
  deepStrictEqual([...fs.files.keys()], ["fx/0001-GET-bin.json", "fx/0002-GET-bin.json"]);
  const replay = replayFetch("fx", { fs });
  deepStrictEqual(new Uint8Array(await (await replay(new Request("http://y/bin"))).arrayBuffer()), bytes);
  await recordingFetch(binary, "fx", undefined, { fs })(new Request("http://x/new"));
  deepStrictEqual([...fs.files.keys()], ["fx/0001-GET-new.json"], "a new recording replaces the old files");
  await rejects(replayFetch("empty", { fs })(new Request("http://x/")), /no recorded exchanges in empty/);
});
