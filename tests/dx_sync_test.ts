/**
 * `spout sync` end to end against the sample shop API: SQLite and JSONL destinations, incremental resume from
 * the stored state, dedupe vs append, and crashes (an aborted sync, and a killed process) that neither lose nor
 * duplicate committed records.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { startSampleApi } from "../connectors/sample_api.ts";
import { main } from "../src/cli/main.ts";
import { fileIO, query, writeJson } from "./dx_helpers.ts";

const ORDERS = 40;

async function world(): Promise<
  { dir: string; config: string; close: () => Promise<void>; api: Awaited<ReturnType<typeof startSampleApi>> }
> {
  const api = await startSampleApi({ customers: 9, orders: ORDERS });
  const dir = await Deno.makeTempDir({ prefix: "spout_sync_" });
  const config = await writeJson(dir, "config.json", {
    api_url: api.url,
    api_token: "sample-token",
    page_size: 5,
  });
  return {
    dir,
    config,
    api,
    close: async () => {
      await api.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

function ordersRequests(api: { requests: { path: string; query: Record<string, string> }[] }) {
  return api.requests.filter((r) => r.path === "/orders");
}

Deno.test("sync to SQLite: one table per stream, state stored with the data, a re-run continues incrementally", async () => {
  const w = await world();
  try {
    const db = `${w.dir}/data/shop.db`;
    const args = ["sync", "--connector", "example-shop", "--config", w.config, "--dest", `sqlite:${db}`];
    const first = fileIO();
    strictEqual(await main(args, first.io), 0, first.err());
    strictEqual(first.out(), "", "sync prints nothing on stdout");
    ok(
      /^spout sync: 129 records in .* customers=9 orders=40 order_items=80\n$/.test(first.err()),
      first.err(),
    );
    strictEqual(query(db, "SELECT count(*) AS n FROM orders")[0].n, ORDERS);
    strictEqual(query(db, "SELECT count(*) AS n FROM customers")[0].n, 9);
    // Columns per top-level field next to the raw JSON.
    deepStrictEqual(query(db, "SELECT id, status, total, _spout_pk FROM orders WHERE id = 2")[0], {
      id: 2,
      status: "shipped",
      total: 20.5,
      _spout_pk: "[2]",
    });
    const stored = query(db, "SELECT state FROM _spout_state WHERE stream = 'orders'")[0].state as string;
    deepStrictEqual(JSON.parse(stored), { updated_at: "2024-01-02T16:00:00Z" });

    // An order changes and a new one appears: the next sync asks only for what changed since the state.
    w.api.upsertOrder({ id: 3, status: "refunded", updated_at: "2024-02-01T00:00:00Z" });
    w.api.upsertOrder({ id: 41, updated_at: "2024-02-02T00:00:00Z" });
    const before = ordersRequests(w.api).length;
    const second = fileIO();
    strictEqual(await main(args, second.io), 0, second.err());
    const resumed = ordersRequests(w.api).slice(before);
    strictEqual(resumed[0].query.updated_since, "2024-01-02T16:00:00Z");
    // dedupe (the default): the updated order replaced its row, the boundary record was not duplicated.
    strictEqual(query(db, "SELECT count(*) AS n FROM orders")[0].n, ORDERS + 1);
    strictEqual(query(db, "SELECT status FROM orders WHERE id = 3")[0].status, "refunded");
    strictEqual(
      query(db, "SELECT count(*) AS n FROM customers")[0].n,
      9,
      "full refresh replaces, not appends",
    );
  } finally {
    await w.close();
  }
});

Deno.test("sync --mode append keeps every read record; only the boundary record at the state is read twice", async () => {
  const w = await world();
  try {
    const db = `${w.dir}/a.db`;
    const args = [
      "sync",
      "--connector",
      "example-shop",
      "--config",
      w.config,
      "--dest",
      `sqlite:${db}`,
      "--mode",
      "append",
    ];
    strictEqual(await main(args, fileIO().io), 0);
    strictEqual(await main(args, fileIO().io), 0);
    const twice = query(db, "SELECT id FROM orders GROUP BY id HAVING count(*) > 1").map((r) => r.id);
    deepStrictEqual(twice, [40], "the record whose updated_at equals the stored state (inclusive filter)");
    strictEqual(query(db, "SELECT count(*) AS n FROM orders")[0].n, ORDERS + 1);
    strictEqual(query(db, "SELECT count(*) AS n FROM customers")[0].n, 9);
  } finally {
    await w.close();
  }
});

Deno.test("sync to JSONL: per-stream files, atomic state file, dedupe rewrite, uncommitted tail cut on reopen", async () => {
  const w = await world();
  try {
    const out = `${w.dir}/out`;
    const args = [
      "sync",
      "--manifest",
      "connectors/example-shop/manifest.yaml",
      "--config",
      w.config,
      "--dest",
      `jsonl:${out}`,
    ];
    const first = fileIO();
    strictEqual(await main(args, first.io), 0, first.err());
    const lines = async (name: string) =>
      (await Deno.readTextFile(`${out}/${name}.jsonl`)).split("\n").filter((l) => l !== "").map((l) =>
        JSON.parse(l)
      );
    strictEqual((await lines("orders")).length, ORDERS);
    strictEqual((await lines("customers")).length, 9);
    const state = JSON.parse(await Deno.readTextFile(`${out}/_spout_state.json`));
    const orders = state.states.find((s: { stream: { stream_descriptor: { name: string } } }) =>
      s.stream.stream_descriptor.name === "orders"
    );
    deepStrictEqual(orders.stream.stream_state, { updated_at: "2024-01-02T16:00:00Z" });
    // A crash after records were appended but before their state: the tail is garbage to the next open.
    await Deno.writeTextFile(`${out}/orders.jsonl`, '{"id":999}\n{"half', { append: true });
    w.api.upsertOrder({ id: 5, status: "lost", updated_at: "2024-03-01T00:00:00Z" });
    const second = fileIO();
    strictEqual(await main(args, second.io), 0, second.err());
    const after = await lines("orders");
    strictEqual(after.length, ORDERS, "deduped by id, uncommitted tail dropped");
    ok(!after.some((r) => r.id === 999));
    strictEqual(after.at(-1).status, "lost", "the updated order is the last line (order of last update)");
    deepStrictEqual((await Array.fromAsync(Deno.readDir(out))).map((e) => e.name).sort(), [
      "_spout_state.json",
      "customers.jsonl",
      "order_items.jsonl",
      "orders.jsonl",
    ]);
  } finally {
    await w.close();
  }
});

Deno.test("an aborted sync keeps exactly the records its committed state covers; the re-run completes them", async () => {
  const w = await world();
  try {
    const db = `${w.dir}/c.db`;
    const args = [
      "sync",
      "--connector",
      "shop-checkpointed",
      "--config",
      w.config,
      "--dest",
      `sqlite:${db}`,
      "--mode",
      "append",
    ];
    const controller = new AbortController();
    let orderPages = 0;
    const crashing = fileIO({
      signal: controller.signal,
      env: {
        fetch: async (request) => {
          const response = await fetch(request);
          if (new URL(request.url).pathname === "/orders" && ++orderPages === 4) {
            controller.abort(new Error("crash"));
          }
          return response;
        },
      },
    });
    strictEqual(await main(args, crashing.io), 1, "an interrupted sync fails");
    ok(crashing.err().includes("INTERRUPTED"), crashing.err());
    const state = JSON.parse(
      query(db, "SELECT state FROM _spout_state WHERE stream = 'orders'")[0].state as string,
    );
    const kept = query(db, "SELECT id, updated_at FROM orders ORDER BY id");
    ok(kept.length > 0 && kept.length < ORDERS, `partial: ${kept.length}`);
    strictEqual(kept.length % 3, 0, "whole checkpoints only (every 3 records)");
    strictEqual(kept.at(-1)!.updated_at, state.updated_at, "records end exactly at the stored state");
    deepStrictEqual(kept.map((r) => r.id), kept.map((_, i) => i + 1), "a prefix, no gaps");

    strictEqual(await main(args, fileIO().io), 0);
    const all = query(db, "SELECT id, count(*) AS n FROM orders GROUP BY id ORDER BY id");
    deepStrictEqual(all.map((r) => r.id), Array.from({ length: ORDERS }, (_, i) => i + 1), "no record lost");
    const dupes = all.filter((r) => r.n !== 1).map((r) => r.id);
    deepStrictEqual(
      dupes,
      [kept.length],
      "only the record at the stored state is read again (inclusive filter)",
    );
  } finally {
    await w.close();
  }
});

Deno.test("a sync process killed mid-run (SIGKILL) resumes into a table with every record exactly once", async () => {
  const api = await startSampleApi({ customers: 4, orders: 60, latencyMs: 25 });
  const dir = await Deno.makeTempDir({ prefix: "spout_kill_" });
  try {
    const config = await writeJson(dir, "config.json", {
      api_url: api.url,
      api_token: "sample-token",
      page_size: 2,
    });
    const db = `${dir}/k.db`;
    const argv = ["sync", "--connector", "shop-checkpointed", "--config", config, "--dest", `sqlite:${db}`];
    const fixture = new URL("./dx_sync_fixture.ts", import.meta.url).pathname;
    const spawn = () =>
      new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "--no-check", fixture, ...argv],
        stdout: "null",
        stderr: "piped",
      }).spawn();
    const child = spawn();
    const deadline = Date.now() + 20_000;
    while (ordersRequests(api).length < 12 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill("SIGKILL");
    const status = await child.status;
    await child.stderr.cancel().catch(() => {});
    ok(!status.success, "killed");
    const partial = query(db, "SELECT count(*) AS n FROM orders")[0].n as number;
    ok(partial > 0 && partial < 60, `killed mid-run with ${partial} committed orders`);
    // What the kill left is consistent: whole checkpoints, ending exactly at the stored state.
    strictEqual(partial % 3, 0);
    const stored = JSON.parse(
      query(db, "SELECT state FROM _spout_state WHERE stream = 'orders'")[0].state as string,
    );
    strictEqual(query(db, "SELECT max(updated_at) AS m FROM orders")[0].m, stored.updated_at);

    const resumed = spawn();
    const err = await new Response(resumed.stderr).text();
    strictEqual((await resumed.status).code, 0, err);
    const rows = query(db, "SELECT id, count(*) AS n FROM orders GROUP BY id ORDER BY id");
    deepStrictEqual(rows.map((r) => r.id), Array.from({ length: 60 }, (_, i) => i + 1), "no record lost");
    ok(rows.every((r) => r.n === 1), "no record duplicated");
    const resumedFrom = ordersRequests(api).filter((r) => r.query.cursor === undefined).at(-1)!;
    ok(resumedFrom.query.updated_since > "2024-01-01T00:00:00Z", "the re-run started from the stored state");
  } finally {
    await api.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a failing full-refresh stream leaves the previous data in place", async () => {
  const w = await world();
  try {
    const db = `${w.dir}/f.db`;
    const args = ["sync", "--connector", "example-shop", "--config", w.config, "--dest", `sqlite:${db}`];
    strictEqual(await main(args, fileIO().io), 0);
    let customersCalls = 0;
    const failing = fileIO({
      env: {
        fetch: async (request) => {
          if (new URL(request.url).pathname === "/customers" && ++customersCalls === 2) {
            return new Response("nope", { status: 404 });
          }
          return await fetch(request);
        },
      },
    });
    strictEqual(await main(args, failing.io), 1);
    ok(failing.err().includes("customers=0 FAILED"), failing.err());
    strictEqual(
      query(db, "SELECT count(*) AS n FROM customers")[0].n,
      9,
      "the previous full refresh is kept",
    );
  } finally {
    await w.close();
  }
});

Deno.test("sync shows progress on a terminal (stream, records, pages) and only the summary otherwise", async () => {
  const w = await world();
  try {
    const args = ["sync", "--connector", "example-shop", "--config", w.config, "--dest", `jsonl:${w.dir}/p`];
    const tty = fileIO({ isTTY: true });
    strictEqual(await main(args, tty.io), 0);
    ok(tty.err().includes("\r\u001b[Kspout sync: "), "progress redraws one line");
    ok(
      /spout sync: \d+ records \(.*\) customers: \d+ records, \d+ pages/.test(tty.err()),
      JSON.stringify(tty.err()),
    );
    ok(tty.err().endsWith("order_items=80\n"), "summary last");
    const quiet = fileIO({ isTTY: false });
    strictEqual(await main(args, quiet.io), 0);
    strictEqual(quiet.err().split("\n").filter((l) => l !== "").length, 1, quiet.err());
  } finally {
    await w.close();
  }
});

Deno.test("sync writes rotated OAuth credentials back to the config file, so the next sync can refresh", async () => {
  const api = await startSampleApi({ payments: 5, rotateRefreshTokens: true });
  const dir = await Deno.makeTempDir({ prefix: "spout_rot_" });
  try {
    const oauth = { client_id: "shop-client", client_secret: "shop-secret", refresh_token: "shop-refresh" };
    const config = await writeJson(dir, "config.json", {
      api_url: api.url,
      api_token: "sample-token",
      oauth,
    });
    const args = [
      "sync",
      "--connector",
      "example-shop",
      "--config",
      config,
      "--stream",
      "payments",
      "--dest",
      `sqlite:${dir}/r.db`,
    ];
    const first = fileIO();
    strictEqual(await main(args, first.io), 0, first.err());
    strictEqual(first.out(), "");
    ok(first.err().includes(`rotated its credentials; saved them to ${config}`), first.err());
    ok(!first.err().includes(api.currentRefreshToken()), "the new token is a secret too");
    const saved = JSON.parse(await Deno.readTextFile(config));
    strictEqual(saved.oauth.refresh_token, api.currentRefreshToken());
    ok(saved.oauth.refresh_token !== "shop-refresh");
    const second = fileIO();
    strictEqual(await main(args, second.io), 0, second.err());
    strictEqual(query(`${dir}/r.db`, "SELECT count(*) AS n FROM payments")[0].n, 5);
  } finally {
    await api.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sync refuses --state (its state lives in the destination)", async () => {
  const w = await world();
  try {
    const run = fileIO();
    const args = ["sync", "--connector", "example-shop", "--config", w.config, "--state", "s.json"];
    strictEqual(await main(args, run.io), 2);
    ok(run.err().includes("sync keeps its state in the destination"), run.err());
    strictEqual(w.api.requests.length, 0);
  } finally {
    await w.close();
  }
});
