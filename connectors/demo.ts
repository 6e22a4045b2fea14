/**
 * Demo: starts the sample shop API in-process, runs a full read of the example-shop connector through the
 * CLI's `main()`, prints the Airbyte messages to stdout and a summary (records per stream, records/s) to
 * stderr. Run it with `deno task demo`.
 * @module
 */
import { connectors } from "./mod.ts";
import { startSampleApi } from "./sample_api.ts";
import { nodeIO } from "../src/cli/io.ts";
import { main } from "../src/cli/main.ts";

const api = await startSampleApi({ customers: 25, orders: 40, payments: 10, latencyMs: 2 });
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
const files: Record<string, string> = {
  "demo:config.json": JSON.stringify(config),
  "demo:catalog.json": JSON.stringify(catalog),
};

const base = nodeIO({ loadConnectors: () => Promise.resolve(connectors) });
const counts = new Map<string, number>();
const decoder = new TextDecoder();
let pending = "";
const started = performance.now();
const code = await main(
  [
    "read",
    "--connector",
    "example-shop",
    "--config",
    "demo:config.json",
    "--catalog",
    "demo:catalog.json",
    "--concurrency",
    "4",
  ],
  {
    ...base,
    readTextFile: (
      path,
    ) => (Object.hasOwn(files, path) ? Promise.resolve(files[path]) : base.readTextFile(path)),
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
  },
);
const seconds = (performance.now() - started) / 1000;
await api.close();
const total = [...counts.values()].reduce((a, b) => a + b, 0);
const summary = [
  "",
  `example-shop demo: exit code ${code}, ${api.requests.length} HTTP requests to ${api.url}`,
  ...streams.map((s) => `  ${s.padEnd(12)} ${String(counts.get(s) ?? 0).padStart(5)} records`),
  `  total        ${String(total).padStart(5)} records in ${seconds.toFixed(2)} s (${
    Math.round(total / seconds)
  } records/s)`,
  "",
].join("\n");
await base.stderr(new TextEncoder().encode(summary));
Deno.exit(code);
