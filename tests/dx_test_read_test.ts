/**
 * `spout test-read` end to end against the sample shop API: tables, the masked request log, paginator and
 * cursor decisions, final state, `--json`, `--infer` suggestions, limits and failures.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { startSampleApi } from "../connectors/sample_api.ts";
import { main } from "../src/cli/main.ts";
import { fileIO, writeJson } from "./dx_helpers.ts";

const MANIFEST = "connectors/example-shop/manifest.yaml";
const TOKEN = "canary-token-123";

async function withApi(
  fn: (config: string, api: Awaited<ReturnType<typeof startSampleApi>>, dir: string) => Promise<void>,
): Promise<void> {
  const api = await startSampleApi({ token: TOKEN, customers: 12, orders: 9 });
  const dir = await Deno.makeTempDir({ prefix: "spout_tr_" });
  try {
    const config = await writeJson(dir, "config.json", { api_url: api.url, api_token: TOKEN, page_size: 4 });
    await fn(config, api, dir);
  } finally {
    await api.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("test-read prints record tables, the masked request log, decisions and the final state", async () => {
  await withApi(async (config, api) => {
    const run = fileIO();
    const code = await main(
      [
        "test-read",
        "--manifest",
        MANIFEST,
        "--config",
        config,
        "--stream",
        "customers",
        "--stream",
        "orders",
      ],
      run.io,
    );
    strictEqual(code, 0, run.out() + run.err());
    const out = run.out();
    ok(!out.includes(TOKEN) && !run.err().includes(TOKEN), "the token never appears");
    ok(out.includes("== customers: 8 records, 2 pages, COMPLETE"), out);
    ok(/id +\| name +\| email +\| created_at/.test(out), "a table with the record fields as columns");
    ok(out.includes(`GET ${api.url}/customers?limit=4 -> 200 (`), "request line: method, URL, status, time");
    ok(out.includes("> authorization: ****"), "credential header masked");
    ok(out.includes("< content-type: application/json"), "response headers");
    ok(out.includes("page 1: 4 records; paginator: next token 4"), "paginator decision per page");
    ok(out.includes("stopped after 2 pages (maxPages)"));
    ok(out.includes('final state: {"updated_at":"2024-01-01T08:00:00Z"}'), "orders' cursor state");
    strictEqual(api.requests.filter((r) => r.path === "/customers").length, 2, "--pages default 2");
    ok(!out.includes("order_items"), "--stream selects streams");
  });
});

Deno.test("test-read --json is one document for tools; --limit and --pages bound the read", async () => {
  await withApi(async (config, api) => {
    const run = fileIO();
    const args = [
      "test-read",
      "--manifest",
      MANIFEST,
      "--config",
      config,
      "--json",
      "--pages",
      "1",
      "--limit",
      "3",
    ];
    strictEqual(await main(args, run.io), 0, run.err());
    const report = JSON.parse(run.out());
    deepStrictEqual(report.streams.map((s: { name: string }) => s.name), [
      "customers",
      "orders",
      "order_items",
    ]);
    const customers = report.streams[0];
    strictEqual(customers.recordCount, 3, "--limit stops the stream");
    deepStrictEqual(customers.records.map((r: { id: number }) => r.id), [1, 2, 3]);
    strictEqual(customers.exchanges.length, 1, "--pages 1");
    strictEqual(customers.exchanges[0].status, 200);
    strictEqual(customers.exchanges[0].requestHeaders.authorization, "****");
    ok(api.requests.every((r) => r.path !== "/customers" || r.query.offset === undefined), "one page only");
  });
});

Deno.test("test-read --infer suggests a schema, the record path and the paginator of each stream", async () => {
  await withApi(async (config) => {
    const run = fileIO();
    const args = [
      "test-read",
      "--manifest",
      MANIFEST,
      "--config",
      config,
      "--json",
      "--infer",
      "--stream",
      "orders",
    ];
    strictEqual(await main(args, run.io), 0, run.err());
    const [orders] = JSON.parse(run.out()).streams;
    deepStrictEqual(orders.recordPath.path, ["orders"]);
    strictEqual(orders.paginators[0].kind, "cursor");
    deepStrictEqual(orders.paginators[0].paginator.page_token_option, {
      type: "RequestOption",
      inject_into: "request_parameter",
      field_name: "cursor",
    });
    strictEqual(
      orders.paginators[0].paginator.pagination_strategy.cursor_value,
      "{{ response.next_cursor }}",
    );
    deepStrictEqual(orders.schema.properties.updated_at, { type: "string", format: "date-time" });
    deepStrictEqual(orders.schema.properties.total, { type: "number" });
    const human = fileIO();
    strictEqual(await main(args.filter((a) => a !== "--json"), human.io), 0);
    ok(
      human.out().includes("suggested paginator:\n    # cursor token in the body at next_cursor"),
      human.out(),
    );
    ok(human.out().includes("field_path:\n          - orders"), "paste-ready YAML");
  });
});

Deno.test("test-read reports a failing stream (exit 1) and rejects unknown streams (exit 2)", async () => {
  await withApi(async (_config, api, dir) => {
    const bad = await writeJson(dir, "bad.json", { api_url: api.url, api_token: "wrong-token-456" });
    const run = fileIO();
    strictEqual(
      await main(["test-read", "--manifest", MANIFEST, "--config", bad, "--stream", "customers"], run.io),
      1,
    );
    ok(run.out().includes("== customers: 0 records, 0 pages, FAILED"), run.out());
    ok(run.out().includes("-> 401"), "the failing exchange is in the log");
    ok(!run.out().includes("wrong-token-456"));
    const unknown = fileIO();
    strictEqual(
      await main(["test-read", "--manifest", MANIFEST, "--config", bad, "--stream", "nope"], unknown.io),
      2,
    );
    ok(unknown.err().includes("unknown stream(s) nope"), unknown.err());
  });
});

Deno.test("test-read logs every attempt: a 503 retried shows in the request log before its 200", async () => {
  const api = await startSampleApi({ token: TOKEN, failEvery: 2 });
  const dir = await Deno.makeTempDir({ prefix: "spout_tr_" });
  try {
    const config = await writeJson(dir, "config.json", { api_url: api.url, api_token: TOKEN, page_size: 4 });
    const run = fileIO({ env: { sleep: () => Promise.resolve() } });
    const args = ["test-read", "--manifest", MANIFEST, "--config", config, "--stream", "customers", "--json"];
    strictEqual(await main(args, run.io), 0, run.err());
    const [customers] = JSON.parse(run.out()).streams;
    const log = customers.exchanges.map((e: { url: string; status: number }) => `${e.status} ${e.url}`);
    deepStrictEqual(log, [
      `200 ${api.url}/customers?limit=4`,
      `503 ${api.url}/customers?offset=4&limit=4`,
      `200 ${api.url}/customers?offset=4&limit=4`,
    ]);
    strictEqual(customers.recordCount, 8);
  } finally {
    await api.close();
    await Deno.remove(dir, { recursive: true });
  }
});
