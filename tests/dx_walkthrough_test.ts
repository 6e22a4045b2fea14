/**
 * The README walkthrough, step by step, as a new user would follow it: scaffold a connector, run its test,
 * point it at the bundled sample API, look at a test read, re-record the fixtures, run the test again, sync
 * into SQLite, and sync again incrementally. `spout …` steps run the CLI's `main()` in-process; `deno test`
 * steps run a real `deno test` subprocess.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { startSampleApi } from "../connectors/sample_api.ts";
import { main } from "../src/cli/main.ts";
import { fileIO, query } from "./dx_helpers.ts";

const repoConfig = new URL("../deno.json", import.meta.url).pathname;

async function denoTest(path: string, cwd: string): Promise<string> {
  const result = await new Deno.Command(Deno.execPath(), {
    // Type-checking the generated test is covered by dx_init_test.ts; here only behaviour matters.
    args: ["test", "-A", "--no-check", "--config", repoConfig, path],
    cwd,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const out = new TextDecoder().decode(result.stdout) + new TextDecoder().decode(result.stderr);
  strictEqual(result.code, 0, out);
  return out;
}

async function spout(args: string[]): Promise<{ out: string; err: string }> {
  const run = fileIO();
  const code = await main(args, run.io);
  strictEqual(code, 0, `spout ${args.join(" ")}\n${run.out()}\n${run.err()}`);
  return { out: run.out(), err: run.err() };
}

Deno.test("walkthrough: init -> passing test -> test-read -> record -> test -> sync -> incremental sync", async () => {
  const work = await Deno.makeTempDir({ prefix: "spout_walk_" });
  const api = await startSampleApi();
  try {
    const conn = `${work}/connectors/my-shop`;
    // 1. spout init my-shop
    await spout(["init", "my-shop", "--dir", `${work}/connectors`]);
    // 2. deno test -A connectors/my-shop  (replays the fixtures the scaffold wrote)
    ok((await denoTest("connectors/my-shop", work)).includes("ok | 1 passed | 0 failed"));

    // 3. start the sample API and write config.json
    const config = `${work}/config.json`;
    await Deno.writeTextFile(config, JSON.stringify({ api_url: api.url, api_token: "sample-token" }));

    // 4. spout test-read --manifest connectors/my-shop/manifest.yaml --config config.json
    const manifest = `${conn}/manifest.yaml`;
    const look = await spout(["test-read", "--manifest", manifest, "--config", config]);
    ok(look.out.includes("== customers: 10 records, 2 pages, COMPLETE"), look.out);
    ok(look.out.includes("== orders: 10 records, 2 pages, COMPLETE"), look.out);
    ok(!look.out.includes("sample-token"));

    // 5. re-record the fixtures from the live API, then the test passes against them
    await spout([
      "read",
      "--manifest",
      manifest,
      "--config",
      config,
      "--catalog",
      `${conn}/testdata/catalog.json`,
      "--record",
      `${conn}/fixtures`,
    ]);
    const fixtures = [...Deno.readDirSync(`${conn}/fixtures`)].map((e) => e.name).sort();
    deepStrictEqual(fixtures, [
      "0001-GET-customers.json",
      "0002-GET-customers.json",
      "0003-GET-customers.json",
      "0004-GET-orders.json",
      "0005-GET-orders.json",
    ]);
    ok((await denoTest("connectors/my-shop", work)).includes("ok | 1 passed | 0 failed"));

    // 6. spout sync … --dest sqlite:./data/my-shop.db
    const db = `${work}/data/my-shop.db`;
    const sync = ["sync", "--manifest", manifest, "--config", config, "--dest", `sqlite:${db}`];
    const first = await spout(sync);
    ok(/^spout sync: 22 records in .*customers=12 orders=10\n$/.test(first.err), first.err);
    deepStrictEqual(query(db, "SELECT id, status FROM orders WHERE id <= 2 ORDER BY id"), [
      { id: 1, status: "paid" },
      { id: 2, status: "shipped" },
    ]);

    // 7. the API changes; the next sync reads only what changed since the stored state
    api.upsertOrder({ id: 2, status: "refunded", updated_at: "2024-02-01T00:00:00Z" });
    const before = api.requests.length;
    const second = await spout(sync);
    ok(second.err.includes("orders=2"), second.err);
    const orderRequests = api.requests.slice(before).filter((r) => r.path === "/orders");
    strictEqual(orderRequests[0].query.updated_since, "2024-01-01T10:00:00Z");
    strictEqual(query(db, "SELECT status FROM orders WHERE id = 2")[0].status, "refunded");
    strictEqual(query(db, "SELECT count(*) AS n FROM orders")[0].n, 10);
  } finally {
    await api.close();
    await Deno.remove(work, { recursive: true });
  }
});
