/**
 * connectors/shop-manifest/manifest.yaml through the CLI (`main()`, `read --manifest`) against the sample shop
 * API: offset, cursor and page-number pagination, datetime incremental, a substream with per-partition state,
 * OAuth with refresh-token rotation written back as a CONTROL message, and a state round trip that reads only
 * what changed.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { startSampleApi } from "../connectors/sample_api.ts";
import type { CliIO } from "../src/cli/io.ts";
import { main } from "../src/cli/main.ts";
import { defaultEnv } from "../src/env.ts";
import type { JsonObject, RecordData } from "../src/types.ts";

const MANIFEST = new URL("../connectors/shop-manifest/manifest.yaml", import.meta.url).pathname;

// deno-lint-ignore no-explicit-any
type Message = any;

async function cli(
  args: string[],
  files: Record<string, string>,
): Promise<{ code: number; messages: Message[] }> {
  const decoder = new TextDecoder();
  let out = "";
  const io: CliIO = {
    stdout: (chunk) => {
      out += decoder.decode(chunk);
    },
    stderr: () => {},
    readTextFile: (path) =>
      Object.hasOwn(files, path) ? Promise.resolve(files[path]) : Deno.readTextFile(path),
    env: defaultEnv({ sleep: () => Promise.resolve() }),
  };
  const code = await main(args, io);
  return { code, messages: out.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l)) };
}

const catalog = JSON.stringify({
  streams: [
    ["customers", "full_refresh"],
    ["orders", "incremental"],
    ["order_items", "incremental"],
    ["payments", "full_refresh"],
  ].map(([name, mode]) => ({
    stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh", "incremental"] },
    sync_mode: mode,
    destination_sync_mode: "append",
  })),
});

interface SyncResult {
  code: number;
  records: Record<string, RecordData[]>;
  states: Record<string, JsonObject>;
  stateMessages: Message[];
  controls: Message[];
}

async function sync(config: JsonObject, state?: Message[]): Promise<SyncResult> {
  const files: Record<string, string> = { "config.json": JSON.stringify(config), "catalog.json": catalog };
  const args = ["read", "--manifest", MANIFEST, "--config", "config.json", "--catalog", "catalog.json"];
  if (state) {
    files["state.json"] = JSON.stringify(state);
    args.push("--state", "state.json");
  }
  const { code, messages } = await cli(args, files);
  const records: Record<string, RecordData[]> = {};
  const states: Record<string, JsonObject> = {};
  const last = new Map<string, Message>();
  for (const m of messages) {
    if (m.type === "RECORD") (records[m.record.stream] ??= []).push(m.record.data);
    if (m.type === "STATE") {
      states[m.state.stream.stream_descriptor.name] = m.state.stream.stream_state;
      last.set(m.state.stream.stream_descriptor.name, m.state);
    }
  }
  const errors = messages.filter((m) => m.type === "TRACE" && m.trace.type === "ERROR");
  strictEqual(code, 0, JSON.stringify(errors));
  return {
    code,
    records,
    states,
    stateMessages: [...last.values()],
    controls: messages.filter((m) => m.type === "CONTROL"),
  };
}

Deno.test("shop manifest through the CLI: every pagination style, OAuth rotation and a state round trip", async () => {
  const api = await startSampleApi({ rotateRefreshTokens: true });
  try {
    const config: JsonObject = {
      api_url: api.url,
      api_token: "sample-token",
      credentials: { client_id: "shop-client", client_secret: "shop-secret", refresh_token: "shop-refresh" },
    };
    const first = await sync(config);

    // offset pagination: 12 customers in pages of 5
    deepStrictEqual(first.records.customers.map((c) => c.id), Array.from({ length: 12 }, (_, i) => i + 1));
    deepStrictEqual(
      api.requests.filter((r) => r.path === "/customers").map((r) => r.query.offset ?? "0"),
      ["0", "5", "10"],
    );
    // cursor pagination + incremental: all 10 orders, state at the latest updated_at
    strictEqual(first.records.orders.length, 10);
    deepStrictEqual(first.states.orders, { updated_at: "2024-01-01T10:00:00Z" });
    // substream: (id % 3) + 1 items per order, per-partition state with the parent's state
    const expectedItems = api.orders.reduce((n, o) => n + (o.id % 3) + 1, 0);
    strictEqual(first.records.order_items.length, expectedItems);
    const itemsState = first.states.order_items;
    strictEqual((itemsState.states as JsonObject[]).length, 10);
    deepStrictEqual((itemsState.parent_state as JsonObject).orders, { updated_at: "2024-01-01T10:00:00Z" });
    // OAuth + page increment: 7 payments over 3 pages, the rotated refresh token comes back as CONTROL
    deepStrictEqual(first.records.payments.map((p) => p.id), [
      "pay_1",
      "pay_2",
      "pay_3",
      "pay_4",
      "pay_5",
      "pay_6",
      "pay_7",
    ]);
    ok(first.records.payments.every((p) => p.source === "oauth"));
    deepStrictEqual(api.requests.filter((r) => r.path === "/payments").map((r) => r.query.page ?? "1"), [
      "1",
      "2",
      "3",
    ]);
    strictEqual(api.requests.filter((r) => r.path === "/oauth/token").length, 1);
    strictEqual(first.controls.length, 1);
    const updated = first.controls[0].control.connectorConfig.config as JsonObject;
    strictEqual((updated.credentials as JsonObject).refresh_token, api.currentRefreshToken());

    // Second sync from the emitted state and the updated config: only the changed order is read.
    api.upsertOrder({ id: 3, updated_at: "2024-01-02T00:00:00Z", status: "refunded" });
    api.requests.length = 0;
    const second = await sync(updated, first.stateMessages);
    const orderQueries = api.requests.filter((r) => r.path === "/orders").map((r) => r.query.updated_since);
    // orders reads from its state; order_items' parent read (from parent_state) is the same request, served by
    // the read's parent-stream response cache like the reference
    deepStrictEqual(orderQueries, ["2024-01-01T10:00:00Z"]);
    // the API's `updated_since` is inclusive: the order at the state's value is read again (at-least-once)
    deepStrictEqual(second.records.orders.map((o) => [o.id, o.status]), [[10, "paid"], [3, "refunded"]]);
    deepStrictEqual(second.states.orders, { updated_at: "2024-01-02T00:00:00Z" });
    deepStrictEqual([...new Set(second.records.order_items.map((i) => i.order_id))], [10, 3]);
    // the access token written back to the config is still valid: no refresh, payments read with it
    strictEqual(api.requests.filter((r) => r.path === "/oauth/token").length, 0);
    strictEqual(second.records.payments.length, 7);
  } finally {
    await api.close();
  }
});
