/**
 * End-to-end: the CLI runs the built-in `example-shop` code connector (`--connector`) against the sample API.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { main } from "../cli.ts";
import { connectors } from "../connectors/mod.ts";
import { startSampleApi } from "../connectors/sample_api.ts";
import { defaultEnv } from "../src/env.ts";
import type { AirbyteMessage } from "../src/protocol/messages.ts";
import { runCli } from "./cli_helpers.ts";

const TOKEN = "shop_tok_3f9a1c";
const CLIENT_SECRET = "shop_client_s3cret";
const REFRESH = "shop_refresh_first";

function catalog(streams: [string, "full_refresh" | "incremental"][]): object {
  return {
    streams: streams.map(([name, mode]) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh", "incremental"] },
      sync_mode: mode,
      destination_sync_mode: "append",
    })),
  };
}

const nonControl = (run: { stdout: string }) =>
  run.stdout.split("\n").filter((line) => line !== "" && !line.startsWith('{"type":"CONTROL"')).join("\n");

const recordIds = (messages: AirbyteMessage[], stream: string) =>
  messages.flatMap((m) => m.type === "RECORD" && m.record.stream === stream ? [m.record.data.id] : []);

Deno.test("--connector example-shop: spec, check, discover", async () => {
  const api = await startSampleApi({ token: TOKEN });
  try {
    const files = {
      "c.json": { api_url: api.url, api_token: TOKEN },
      "bad.json": { api_url: api.url, api_token: "not_the_token_123" },
    };
    const options = { files, connectors, env: defaultEnv() };
    const spec = await runCli(main, ["spec", "--connector", "example-shop"], options);
    strictEqual(spec.code, 0);
    ok(
      spec.messages[0].type === "SPEC" &&
        spec.messages[0].spec.connectionSpecification.title === "Example Shop",
    );

    const check = await runCli(main, ["check", "--connector", "example-shop", "--config", "c.json"], options);
    strictEqual(check.code, 0);
    deepStrictEqual(check.messages.at(-1), {
      type: "CONNECTION_STATUS",
      connectionStatus: { status: "SUCCEEDED" },
    });
    const denied = await runCli(
      main,
      ["check", "--connector", "example-shop", "--config", "bad.json"],
      options,
    );
    strictEqual(denied.code, 0);
    const status = denied.messages.at(-1);
    ok(status?.type === "CONNECTION_STATUS" && status.connectionStatus.status === "FAILED");
    ok(!denied.stdout.includes("not_the_token_123"));

    const discover = await runCli(
      main,
      ["discover", "--connector", "example-shop", "--config", "c.json"],
      options,
    );
    strictEqual(discover.code, 0);
    const cat = discover.messages.find((m) => m.type === "CATALOG");
    ok(cat?.type === "CATALOG");
    const orders = cat.catalog.streams.find((s) => s.name === "orders");
    deepStrictEqual(orders?.supported_sync_modes, ["full_refresh", "incremental"]);
    deepStrictEqual(orders?.default_cursor_field, ["updated_at"]);
  } finally {
    await api.close();
  }
});

Deno.test("--connector example-shop: read, resume from emitted state, CONTROL on token rotation, secrets masked", async () => {
  const api = await startSampleApi({
    token: TOKEN,
    clientSecret: CLIENT_SECRET,
    refreshToken: REFRESH,
    rotateRefreshTokens: true,
  });
  try {
    const config = {
      api_url: api.url,
      api_token: TOKEN,
      oauth: { client_id: "shop-client", client_secret: CLIENT_SECRET, refresh_token: REFRESH },
    };
    const files: Record<string, string | object> = {
      "c.json": config,
      "cat.json": catalog([["customers", "full_refresh"], ["orders", "incremental"], [
        "payments",
        "full_refresh",
      ]]),
    };
    const args = ["read", "--connector", "example-shop", "--config", "c.json", "--catalog", "cat.json"];
    const first = await runCli(main, args, { files, connectors, env: defaultEnv() });
    strictEqual(first.code, 0, first.stdout.slice(-2000));
    strictEqual(recordIds(first.messages, "customers").length, 12);
    strictEqual(recordIds(first.messages, "orders").length, 10);
    strictEqual(recordIds(first.messages, "payments").length, 7);

    // The rotated refresh token reaches the platform through CONTROL (verbatim), and nowhere else.
    const control = first.messages.find((m) => m.type === "CONTROL");
    ok(control?.type === "CONTROL", "token rotation emits CONTROL");
    const rotated = (control.control.connectorConfig.config.oauth as { refresh_token: string }).refresh_token;
    strictEqual(rotated, api.currentRefreshToken());
    for (const secret of [TOKEN, CLIENT_SECRET, REFRESH, rotated]) {
      ok(!nonControl(first).includes(secret), `${secret} masked outside CONTROL`);
    }

    // Resume: pass the last orders STATE back; an order updated later is read, old ones are not re-read.
    const states = first.messages.filter((m) =>
      m.type === "STATE" && m.state.stream?.stream_descriptor.name === "orders"
    );
    const last = states.at(-1);
    ok(last?.type === "STATE");
    api.upsertOrder({ id: 99, updated_at: "2030-01-01T00:00:00Z" });
    files["s.json"] = [last.state];
    files["cat.json"] = catalog([["orders", "incremental"]]);
    const second = await runCli(main, [...args, "--state", "s.json"], {
      files,
      connectors,
      env: defaultEnv(),
    });
    strictEqual(second.code, 0);
    const resumed = recordIds(second.messages, "orders");
    ok(resumed.includes(99), "the new order is read");
    ok(resumed.length < 10, `resume re-read ${resumed.length} orders`);
  } finally {
    await api.close();
  }
});

Deno.test("crash/resume: a read killed after any request, resumed from its last STATE, misses nothing", async () => {
  const api = await startSampleApi({ token: TOKEN, orders: 23 });
  try {
    const all = api.orders.map((o) => o.id).sort((a, b) => a - b);
    const files: Record<string, string | object> = {
      "c.json": { api_url: api.url, api_token: TOKEN, page_size: 4 },
      "cat.json": catalog([["orders", "incremental"]]),
    };
    const args = ["read", "--connector", "example-shop", "--config", "c.json", "--catalog", "cat.json"];
    for (let killAfter = 1; killAfter <= 7; killAfter++) {
      const controller = new AbortController();
      let requests = 0;
      const env = defaultEnv({
        fetch: (request) => {
          if (++requests > killAfter) controller.abort(new Error("killed"));
          return fetch(request, { signal: controller.signal });
        },
      });
      const killed = await runCli(main, args, { files, connectors, env, signal: controller.signal });
      const seen = new Set(recordIds(killed.messages, "orders") as number[]);
      const states = killed.messages.filter((m) => m.type === "STATE");
      if (killed.code === 0) {
        deepStrictEqual([...seen].sort((a, b) => a - b), all, "a read that was not interrupted is complete");
        continue;
      }
      strictEqual(killed.code, 1);
      const last = states.at(-1);
      const resumeArgs = [...args];
      const resumeFiles = { ...files };
      if (last?.type === "STATE") {
        resumeFiles["s.json"] = [last.state];
        resumeArgs.push("--state", "s.json");
      }
      const resumed = await runCli(main, resumeArgs, { files: resumeFiles, connectors, env: defaultEnv() });
      strictEqual(resumed.code, 0);
      for (const id of recordIds(resumed.messages, "orders")) seen.add(id as number);
      deepStrictEqual([...seen].sort((a, b) => a - b), all, `killAfter=${killAfter}: no gaps after resume`);
    }
  } finally {
    await api.close();
  }
});
