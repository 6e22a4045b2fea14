import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { pathMatcher, scenarioForRun, startScenarioServer } from "./scenario_server.ts";

Deno.test("scenario server: rules in order, query subset, times, per_path, placeholder, fallback, log", async () => {
  const server = startScenarioServer({
    rules: [
      { path: "/items", query: { page: "2" }, json: { page: 2, next: null } },
      { path: "/items", query: { page: null }, times: 1, json: { page: 1, next: "__BASE__/items?page=2" } },
      { method: "POST", body_contains: "grant_type", json: { access_token: "t" } },
      { method: "POST", path: "re:^/search/\\d+$", status: 201, headers: { "x-rate": "5" }, text: "created" },
      { path: "glob:/p/*/c", per_path: true, times: 1, json: ["first"] },
      { path: "glob:/p/**", json: ["later"] },
    ],
  });
  try {
    const base = server.baseUrl;
    const first = await (await fetch(`${base}/items?z=1&a=2`, { headers: { "X-Api-Key": "k" } })).json();
    strictEqual(first.next, `${base}/items?page=2`);
    const second = await (await fetch(`${base}/items?page=2`)).json();
    strictEqual(second.page, 2);
    // times: 1 is used up, page absent again -> fallback 404
    const third = await fetch(`${base}/items`);
    strictEqual(third.status, 404);
    await third.body?.cancel();
    const post = await fetch(`${base}/search/12`, {
      method: "POST",
      body: '{"q":1}',
      headers: { "content-type": "application/json" },
    });
    strictEqual(post.status, 201);
    strictEqual(post.headers.get("x-rate"), "5");
    strictEqual(await post.text(), "created");
    deepStrictEqual(await (await fetch(`${base}/p/1/c`)).json(), ["first"]);
    deepStrictEqual(await (await fetch(`${base}/p/2/c`)).json(), ["first"]);
    deepStrictEqual(await (await fetch(`${base}/p/1/c`)).json(), ["later"]);
    const token = await fetch(`${base}/search/1`, { method: "POST", body: "grant_type=refresh_token" });
    deepStrictEqual(await token.json(), { access_token: "t" });
    strictEqual(server.requests.length, 8);
    deepStrictEqual(server.requests[0].query, [["a", "2"], ["z", "1"]]);
    strictEqual(server.requests[0].headers["x-api-key"], "k");
    ok(!("user-agent" in server.requests[0].headers));
    strictEqual(server.requests[3].method, "POST");
    strictEqual(server.requests[3].body, '{"q":1}');
  } finally {
    await server.close();
  }
});

Deno.test("scenario server: request limit answers limit_status (default 400)", async () => {
  const server = startScenarioServer({ rules: [{ json: {} }], max_requests: 1 });
  try {
    const a = await fetch(`${server.baseUrl}/a`);
    await a.body?.cancel();
    const b = await fetch(`${server.baseUrl}/b`);
    await b.body?.cancel();
    strictEqual(a.status, 200);
    strictEqual(b.status, 400);
  } finally {
    await server.close();
  }
  const custom = startScenarioServer({ rules: [], max_requests: 0, limit_status: 503 });
  try {
    const c = await fetch(`${custom.baseUrl}/c`);
    await c.body?.cancel();
    strictEqual(c.status, 503);
  } finally {
    await custom.close();
  }
});

Deno.test("pathMatcher and scenarioForRun", () => {
  ok(pathMatcher("/a")("/a"));
  ok(!pathMatcher("/a")("/a/"));
  ok(pathMatcher("glob:/a/**")("/a/b/c"));
  ok(pathMatcher("re:^/x\\d$")("/x1"));
  const file = {
    rules: [{ path: "/top" }],
    runs: [{ command: "read" }, { command: "read", rules: [{ path: "/r1" }] }],
  };
  strictEqual(scenarioForRun(file, 0).rules[0].path, "/top");
  strictEqual(scenarioForRun(file, 1).rules[0].path, "/r1");
});
