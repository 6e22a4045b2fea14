/**
 * A SIGTERM (pod eviction, orchestrator timeout) stops a bundled connector's read cleanly under Deno and
 * Node alike: records already read are flushed, no state runs ahead of them, the stream ends INCOMPLETE with
 * a transient TRACE ERROR, exit code 1.
 */
import { ok, strictEqual } from "node:assert/strict";
import { startSampleApi } from "../connectors/sample_api.ts";
import {
  bundled,
  catalogOf,
  cleanBundles,
  DENO,
  hasNode,
  NODE,
  type Runtime,
  workDir,
} from "./dist_helpers.ts";

// deno-lint-ignore no-explicit-any
type Message = any;

async function stopWithSigterm(runtime: Runtime, bundle: string, apiUrl: string): Promise<void> {
  const cwd = await workDir({
    "c.json": { api_url: apiUrl, api_token: "sample-token", page_size: 2 },
    "cat.json": catalogOf({ orders: "incremental" }),
  });
  try {
    const child = new Deno.Command(runtime.command[0], {
      args: [...runtime.command.slice(1), bundle, "read", "--config", "c.json", "--catalog", "cat.json"],
      cwd,
      stdout: "piped",
      stderr: "null",
      env: { NO_COLOR: "1" },
    }).spawn();
    const deadline = setTimeout(() => child.kill("SIGKILL"), 30_000);
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let out = "";
    let signalled = false;
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      out += value;
      if (!signalled && (out.match(/"type":"RECORD"/g)?.length ?? 0) >= 4) {
        child.kill("SIGTERM");
        signalled = true;
      }
    }
    const status = await child.status;
    clearTimeout(deadline);
    ok(signalled, `${runtime.name}: the read ended before the signal`);
    strictEqual(status.code, 1, `${runtime.name}: exit code after SIGTERM`);
    const messages: Message[] = out.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
    let latest = "";
    let records = 0;
    for (const m of messages) {
      if (m.type === "RECORD") {
        records++;
        if (m.record.data.updated_at > latest) latest = m.record.data.updated_at;
      }
      if (m.type === "STATE") {
        ok(m.state.stream.stream_state.updated_at <= latest, `${runtime.name}: state never ahead of records`);
      }
    }
    ok(records >= 4 && records < 60, `${runtime.name}: ${records} records flushed, read stopped early`);
    const statuses = messages.filter((m) => m.type === "TRACE" && m.trace.type === "STREAM_STATUS")
      .map((m) => m.trace.stream_status.status);
    strictEqual(statuses.at(-1), "INCOMPLETE", runtime.name);
    const error = messages.find((m) => m.type === "TRACE" && m.trace.type === "ERROR");
    strictEqual(error?.trace.error.failure_type, "transient_error", runtime.name);
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
}

Deno.test("SIGTERM stops a bundled read cleanly under deno and node", async () => {
  const bundle = await bundled("code:example-shop");
  const api = await startSampleApi({ orders: 60, latencyMs: 60 });
  try {
    const runtimes = [DENO];
    if (await hasNode()) runtimes.push(NODE);
    await Promise.all(runtimes.map((runtime) => stopWithSigterm(runtime, bundle, api.url)));
  } finally {
    await api.close();
    await cleanBundles();
  }
});
