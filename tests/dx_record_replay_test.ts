/**
 * `--record DIR` / `--replay DIR` through the CLI against the sample shop API (bearer and OAuth streams):
 * recorded files hold no secret, a replay with the API gone reproduces the read exactly, and a request that
 * was not recorded fails clearly.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { startSampleApi } from "../connectors/sample_api.ts";
import { connectors } from "../connectors/mod.ts";
import { main } from "../src/cli/main.ts";
import { replayFetch, runSpout } from "../src/dx/mod.ts";
import { fileIO, writeJson } from "./dx_helpers.ts";

const STREAMS = ["customers", "orders", "order_items", "payments"];

async function setup() {
  const api = await startSampleApi({ token: "canary-token-123", customers: 6, orders: 5, payments: 4 });
  const dir = await Deno.makeTempDir({ prefix: "spout_rr_" });
  const config = {
    api_url: api.url,
    api_token: "canary-token-123",
    page_size: 2,
    oauth: { client_id: "shop-client", client_secret: "shop-secret", refresh_token: "shop-refresh" },
  };
  const configPath = await writeJson(dir, "config.json", config);
  const catalog = await writeJson(dir, "catalog.json", {
    streams: STREAMS.map((name) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh", "incremental"] },
      sync_mode: name === "orders" ? "incremental" : "full_refresh",
      destination_sync_mode: "append",
    })),
  });
  return { api, dir, config, configPath, catalog };
}

function records(stdout: string): unknown[] {
  return stdout.split("\n").filter((l) => l.startsWith('{"type":"RECORD"')).map((l) => {
    const { record } = JSON.parse(l);
    return [record.stream, record.data];
  });
}

Deno.test("--record saves masked exchanges; --replay reproduces the read with the API gone", async () => {
  const s = await setup();
  const w = s.api;
  try {
    const config = s.configPath;
    const fixtures = `${s.dir}/fixtures`;
    const base = ["read", "--connector", "example-shop", "--config", config, "--catalog", s.catalog];
    const live = fileIO();
    strictEqual(await main([...base, "--record", fixtures], live.io), 0, live.out());
    const files = [...Deno.readDirSync(fixtures)].map((e) => e.name).sort();
    strictEqual(files.length, w.requests.length, "one file per exchange");
    ok(files[0].startsWith("0001-GET-customers"), files[0]);
    const saved = files.map((name) => Deno.readTextFileSync(`${fixtures}/${name}`)).join("\n");
    for (const secret of ["canary-token-123", "shop-secret", "shop-refresh"]) {
      ok(!saved.includes(secret), `${secret} must not be saved`);
    }
    ok(saved.includes('"authorization": "****"'));
    ok(saved.includes("client_secret=****"), "form bodies are masked too");
    ok(!/access-\d+-/.test(saved), "tokens the API issued (OAuth access token) are redacted too");
    ok(saved.includes('\\"access_token\\":\\"****\\"'), saved);
    await w.close();

    const replayed = fileIO();
    strictEqual(await main([...base, "--replay", fixtures], replayed.io), 0, replayed.out());
    deepStrictEqual(records(replayed.out()), records(live.out()));
    strictEqual(records(live.out()).length, 6 + 5 + 11 + 4);

    // The same fixtures from `deno test`: replayFetch + runSpout, no CLI flags.
    const run = await runSpout(base, { fetch: replayFetch(fixtures), connectors });
    strictEqual(run.code, 0, run.stderr);
    deepStrictEqual(run.records("payments").map((r) => r.id), ["pay_1", "pay_2", "pay_3", "pay_4"]);
  } finally {
    await w.close().catch(() => {});
    await Deno.remove(s.dir, { recursive: true });
  }
});

Deno.test("--replay fails clearly on a request that was not recorded", async () => {
  const s = await setup();
  try {
    const fixtures = `${s.dir}/fixtures`;
    const args = ["read", "--connector", "example-shop", "--config", s.configPath, "--catalog", s.catalog];
    strictEqual(await main([...args, "--record", fixtures], fileIO().io), 0);
    await s.api.close();
    // A different page size asks for different pages.
    const other = await writeJson(s.dir, "other.json", { ...s.config, page_size: 3 });
    const replay = fileIO();
    const code = await main(
      [
        "read",
        "--connector",
        "example-shop",
        "--config",
        other,
        "--catalog",
        s.catalog,
        "--replay",
        fixtures,
      ],
      replay.io,
    );
    strictEqual(code, 1);
    const errors = replay.out().split("\n").filter((l) => l.includes('"type":"ERROR"')).map((l) =>
      JSON.parse(l)
    );
    ok(errors.length > 0);
    const message: string = errors[0].trace.error.message;
    ok(message.includes("GET /customers?limit=3") && message.includes("was not recorded"), message);
    ok(message.includes("--record"), "says how to fix it");
    ok(!replay.out().includes("canary-token-123"));
  } finally {
    await s.api.close().catch(() => {});
    await Deno.remove(s.dir, { recursive: true });
  }
});
