/**
 * The example-shop manifest through spout's CLI (`--manifest`) against the sample API, compared with what the
 * reference Python CDK read (connectors/example-shop/testdata/reference_read.json).
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import reference from "../connectors/example-shop/testdata/reference_read.json" with { type: "json" };
import { startSampleApi } from "../connectors/sample_api.ts";
import type { CliIO } from "../src/cli/io.ts";
import { main } from "../src/cli/main.ts";
import { defaultEnv } from "../src/env.ts";
import type { JsonObject, RecordData } from "../src/types.ts";

const MANIFEST = new URL("../connectors/example-shop/manifest.yaml", import.meta.url);

// deno-lint-ignore no-explicit-any
type Message = any;

async function run(
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
  streams: ["orders", "order_items"].map((name) => ({
    stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh", "incremental"] },
    sync_mode: "incremental",
    destination_sync_mode: "append",
  })),
});

async function sync(
  state?: unknown,
): Promise<{ records: Record<string, RecordData[]>; states: Record<string, JsonObject> }> {
  const api = await startSampleApi(reference.api_options);
  try {
    const files: Record<string, string> = {
      "config.json": JSON.stringify({ ...reference.config, api_url: api.url }),
      "catalog.json": catalog,
    };
    const args = [
      "read",
      "--manifest",
      MANIFEST.pathname,
      "--config",
      "config.json",
      "--catalog",
      "catalog.json",
    ];
    if (state) {
      files["state.json"] = JSON.stringify(state);
      args.push("--state", "state.json");
    }
    const { code, messages } = await run(args, files);
    strictEqual(
      code,
      0,
      JSON.stringify(messages.filter((m) => m.type === "TRACE" && m.trace.type === "ERROR")),
    );
    const records: Record<string, RecordData[]> = {};
    const states: Record<string, JsonObject> = {};
    for (const m of messages) {
      if (m.type === "RECORD") (records[m.record.stream] ??= []).push(m.record.data);
      if (m.type === "STATE") states[m.state.stream.stream_descriptor.name] = m.state.stream.stream_state;
    }
    for (const rows of Object.values(records)) rows.sort((a, b) => String(a.id).localeCompare(String(b.id)));
    return { records, states };
  } finally {
    await api.close();
  }
}

const sorted = (rows: RecordData[]) => [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id)));

Deno.test("example-shop manifest: same records and orders state as the reference CDK (first and second sync)", async () => {
  const first = await sync();
  deepStrictEqual(first.records.orders, sorted(reference.run1.records.orders));
  deepStrictEqual(first.records.order_items, sorted(reference.run1.records.order_items));
  deepStrictEqual(first.states.orders, reference.run1.final_states.orders);
  const second = await sync(reference.state1);
  deepStrictEqual(second.records.orders, sorted(reference.run2.records.orders));
  deepStrictEqual(second.records.order_items, sorted(reference.run2.records.order_items));
  deepStrictEqual(second.states.orders, reference.run2.final_states.orders);
});

Deno.test({
  name: "example-shop manifest: per-partition state of order_items equals the reference CDK's",
  fn: async () => {
    const first = await sync();
    const expected = structuredClone(reference.run1.final_states.order_items) as JsonObject;
    deepStrictEqual({ ...first.states.order_items, lookback_window: expected.lookback_window }, expected);
  },
});
