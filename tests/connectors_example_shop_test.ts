/**
 * End-to-end: the example-shop code connector against the sample API, through the CLI's `main()`.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { connectors } from "../connectors/mod.ts";
import { startSampleApi } from "../connectors/sample_api.ts";
import type { CliIO } from "../src/cli/io.ts";
import { main } from "../src/cli/main.ts";
import { defaultEnv } from "../src/env.ts";

// deno-lint-ignore no-explicit-any
type Message = any;

async function run(
  args: string[],
  files: Record<string, unknown>,
): Promise<{ code: number; messages: Message[]; stderr: string }> {
  const decoder = new TextDecoder();
  let out = "";
  let err = "";
  const io: CliIO = {
    stdout: (chunk) => {
      out += decoder.decode(chunk);
    },
    stderr: (chunk) => {
      err += decoder.decode(chunk);
    },
    readTextFile: (path) =>
      Object.hasOwn(files, path)
        ? Promise.resolve(JSON.stringify(files[path]))
        : Promise.reject(new Error(`ENOENT ${path}`)),
    env: defaultEnv({ sleep: () => Promise.resolve() }),
    loadConnectors: () => Promise.resolve(connectors),
  };
  const code = await main(args, io);
  const messages = out.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
  return { code, messages, stderr: err };
}

function catalog(streams: { name: string; sync_mode?: string }[]) {
  return {
    streams: streams.map((s) => ({
      stream: { name: s.name, json_schema: {}, supported_sync_modes: ["full_refresh", "incremental"] },
      sync_mode: s.sync_mode ?? "full_refresh",
      destination_sync_mode: "append",
    })),
  };
}

const records = (messages: Message[], stream: string) =>
  messages.filter((m) => m.type === "RECORD" && m.record.stream === stream).map((m) => m.record.data);
const states = (messages: Message[], stream: string) =>
  messages.filter((m) => m.type === "STATE" && m.state.stream?.stream_descriptor?.name === stream).map((m) =>
    m.state.stream.stream_state
  );

Deno.test("example-shop: full refresh of customers pages through every offset", async () => {
  const api = await startSampleApi({ customers: 10 });
  try {
    const config = { api_url: api.url, api_token: "sample-token", page_size: 4 };
    const { code, messages } = await run(
      ["read", "--connector", "example-shop", "--config", "c.json", "--catalog", "cat.json"],
      { "c.json": config, "cat.json": catalog([{ name: "customers" }]) },
    );
    strictEqual(code, 0);
    deepStrictEqual(records(messages, "customers").map((r) => r.id), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    deepStrictEqual(states(messages, "customers").at(-1), { __ab_no_cursor_state_message: true });
    deepStrictEqual(api.requests.map((r) => r.query.offset), ["0", "4", "8"]);
    ok(api.requests.every((r) => r.authorization === "Bearer sample-token"));
  } finally {
    await api.close();
  }
});

Deno.test("example-shop: incremental orders — the second run reads only new or updated orders", async () => {
  const api = await startSampleApi({ orders: 10 });
  try {
    const config = { api_url: api.url, api_token: "sample-token", page_size: 4 };
    const files: Record<string, unknown> = {
      "c.json": config,
      "cat.json": catalog([{ name: "orders", sync_mode: "incremental" }]),
    };
    const first = await run([
      "read",
      "--connector",
      "example-shop",
      "--config",
      "c.json",
      "--catalog",
      "cat.json",
    ], files);
    strictEqual(first.code, 0);
    strictEqual(records(first.messages, "orders").length, 10);
    const state = states(first.messages, "orders").at(-1);
    deepStrictEqual(state, { updated_at: "2024-01-01T10:00:00Z" });

    api.upsertOrder({ id: 3, updated_at: "2024-01-02T00:00:00Z", status: "refunded" });
    api.upsertOrder({ id: 11, updated_at: "2024-01-02T01:00:00Z" });
    files["s.json"] = [{
      type: "STREAM",
      stream: { stream_descriptor: { name: "orders" }, stream_state: state },
    }];
    api.requests.length = 0;
    const second = await run(
      [
        "read",
        "--connector",
        "example-shop",
        "--config",
        "c.json",
        "--catalog",
        "cat.json",
        "--state",
        "s.json",
      ],
      files,
    );
    strictEqual(second.code, 0);
    // the order at the state value is read again (inclusive filter: at-least-once), then the changes
    deepStrictEqual(records(second.messages, "orders").map((r) => r.id), [10, 3, 11]);
    deepStrictEqual(states(second.messages, "orders").at(-1), { updated_at: "2024-01-02T01:00:00Z" });
    strictEqual(api.requests[0].query.updated_since, "2024-01-01T10:00:00Z");
  } finally {
    await api.close();
  }
});

Deno.test("example-shop: order_items is a substream with one request per order", async () => {
  const api = await startSampleApi({ orders: 5 });
  try {
    const config = { api_url: api.url, api_token: "sample-token" };
    const { code, messages } = await run(
      [
        "read",
        "--connector",
        "example-shop",
        "--config",
        "c.json",
        "--catalog",
        "cat.json",
        "--concurrency",
        "3",
      ],
      { "c.json": config, "cat.json": catalog([{ name: "order_items" }]) },
    );
    strictEqual(code, 0);
    const items = records(messages, "order_items");
    // order id % 3 + 1 items each: 2 + 3 + 1 + 2 + 3
    strictEqual(items.length, 11);
    deepStrictEqual([...new Set(items.map((i) => i.order_id))].sort(), [1, 2, 3, 4, 5]);
    strictEqual(api.requests.filter((r) => /^\/orders\/\d+\/items$/.test(r.path)).length, 5);
  } finally {
    await api.close();
  }
});

Deno.test("example-shop: payments authenticate with OAuth refresh; a rotated refresh token becomes a CONTROL message", async () => {
  const api = await startSampleApi({ payments: 7, rotateRefreshTokens: true });
  try {
    const config = {
      api_url: api.url,
      api_token: "sample-token",
      oauth: { client_id: "shop-client", client_secret: "shop-secret", refresh_token: "shop-refresh" },
    };
    const { code, messages } = await run(
      ["read", "--connector", "example-shop", "--config", "c.json", "--catalog", "cat.json"],
      { "c.json": config, "cat.json": catalog([{ name: "payments" }]) },
    );
    strictEqual(code, 0, JSON.stringify(messages.filter((m) => m.type === "TRACE")));
    deepStrictEqual(records(messages, "payments").map((p) => p.id), [
      "pay_1",
      "pay_2",
      "pay_3",
      "pay_4",
      "pay_5",
      "pay_6",
      "pay_7",
    ]);
    const tokenCalls = api.requests.filter((r) => r.path === "/oauth/token");
    strictEqual(tokenCalls.length, 1);
    ok(
      api.requests.filter((r) => r.path === "/payments").every((r) =>
        r.authorization?.startsWith("Bearer access-")
      ),
    );
    const control = messages.find((m) => m.type === "CONTROL");
    ok(control, "expected a CONTROL message with the rotated refresh token");
    strictEqual(control.control.connectorConfig.config.oauth.refresh_token, api.currentRefreshToken());
    // the access token never appears in the output
    ok(!JSON.stringify(messages).includes("access-1-"));
  } finally {
    await api.close();
  }
});

Deno.test("example-shop: check fails with a masked reason on a bad token, succeeds with a good one", async () => {
  const api = await startSampleApi();
  try {
    const bad = await run(["check", "--connector", "example-shop", "--config", "c.json"], {
      "c.json": { api_url: api.url, api_token: "wrong-token-123" },
    });
    const status = bad.messages.find((m) => m.type === "CONNECTION_STATUS").connectionStatus;
    strictEqual(status.status, "FAILED");
    ok(!JSON.stringify(bad.messages).includes("wrong-token-123"));
    const good = await run(["check", "--connector", "example-shop", "--config", "c.json"], {
      "c.json": { api_url: api.url, api_token: "sample-token" },
    });
    strictEqual(
      good.messages.find((m) => m.type === "CONNECTION_STATUS").connectionStatus.status,
      "SUCCEEDED",
    );
  } finally {
    await api.close();
  }
});

Deno.test("example-shop: transient 503s are retried without losing or duplicating records", async () => {
  const api = await startSampleApi({ customers: 20, failEvery: 2 });
  try {
    const { code, messages } = await run(
      ["read", "--connector", "example-shop", "--config", "c.json", "--catalog", "cat.json"],
      {
        "c.json": { api_url: api.url, api_token: "sample-token", page_size: 3 },
        "cat.json": catalog([{ name: "customers" }]),
      },
    );
    strictEqual(code, 0);
    deepStrictEqual(
      records(messages, "customers").map((r) => r.id),
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    ok(api.requests.length > 7);
  } finally {
    await api.close();
  }
});
