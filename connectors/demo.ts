/**
 * Demo (`deno task demo`): starts the sample shop API in-process on 127.0.0.1, then
 *
 * 1. reads it with the example-shop code connector through the CLI's `main()`: Airbyte messages on stdout,
 *    a summary (records per stream, records/s) on stderr;
 * 2. syncs the same API with the low-code manifest (`connectors/example-shop/manifest.yaml`) into a local
 *    SQLite database, twice: the second run continues from the state stored with the data.
 * @module
 */
import { connectors } from "./mod.ts";
import { startSampleApi } from "./sample_api.ts";
import { nodeIO } from "../src/cli/io.ts";
import { main } from "../src/cli/main.ts";

const encoder = new TextEncoder();
const api = await startSampleApi({ customers: 25, orders: 40, payments: 10, latencyMs: 2 });
const work = await Deno.makeTempDir({ prefix: "spout-demo-" });
const config = {
  api_url: api.url,
  api_token: "sample-token",
  page_size: 10,
  oauth: { client_id: "shop-client", client_secret: "shop-secret", refresh_token: "shop-refresh" },
};
const streams = ["customers", "orders", "order_items", "payments"];
const catalog = {
  streams: streams.map((name) => ({
    stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh", "incremental"] },
    sync_mode: name === "orders" ? "incremental" : "full_refresh",
    destination_sync_mode: "append",
  })),
};
await Deno.writeTextFile(`${work}/config.json`, JSON.stringify(config));
await Deno.writeTextFile(`${work}/catalog.json`, JSON.stringify(catalog));

const base = nodeIO({ loadConnectors: () => Promise.resolve(connectors) });
const say = (text: string) => base.stderr(encoder.encode(text + "\n"));

// 1. A read: protocol messages on stdout.
const counts = new Map<string, number>();
const decoder = new TextDecoder();
let pending = "";
const started = performance.now();
const readArgs = ["read", "--connector", "example-shop", "--config", `${work}/config.json`];
const code = await main([...readArgs, "--catalog", `${work}/catalog.json`, "--concurrency", "4"], {
  ...base,
  stdout: (chunk) => {
    pending += decoder.decode(chunk, { stream: true });
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.startsWith('{"type":"RECORD"')) continue;
      const stream = (JSON.parse(line) as { record: { stream: string } }).record.stream;
      counts.set(stream, (counts.get(stream) ?? 0) + 1);
    }
    return base.stdout(chunk);
  },
});
const seconds = (performance.now() - started) / 1000;
const total = [...counts.values()].reduce((a, b) => a + b, 0);
await say(
  [
    "",
    `example-shop read: exit code ${code}, ${api.requests.length} HTTP requests to ${api.url}`,
    ...streams.map((s) => `  ${s.padEnd(12)} ${String(counts.get(s) ?? 0).padStart(5)} records`),
    `  total        ${String(total).padStart(5)} records in ${seconds.toFixed(2)} s (${
      Math.round(total / seconds)
    } records/s)`,
    "",
  ].join("\n"),
);

// 2. A local sync of the manifest version into SQLite, then an incremental re-run after new orders arrive.
let syncCode = 0;
if (code === 0) {
  const db = `${work}/shop.db`;
  const manifest = new URL("./example-shop/manifest.yaml", import.meta.url).pathname;
  const sync = ["sync", "--manifest", manifest, "--config", `${work}/config.json`, "--dest", `sqlite:${db}`];
  await say(`example-shop manifest -> local sync into ${db}`);
  syncCode = await main(sync, base);
  const before = api.requests.length;
  api.upsertOrder({ id: 1000, customer_id: 1, status: "new", total: 99, updated_at: "2030-01-01T00:00:00Z" });
  if (syncCode === 0) syncCode = await main(sync, base);
  await say(
    `second sync (after one new order): ${api.requests.length - before} HTTP requests, exit ${syncCode}`,
  );
}
await api.close();
await Deno.remove(work, { recursive: true });
Deno.exit(code || syncCode);
