/**
 * Process behaviour of a real `deno run cli.ts` running a manifest against the fault server: exit codes 0 / 1 /
 * 2, and SIGTERM / SIGINT in the middle of an incremental read → records already produced are flushed, no
 * STATE claims more than the records before it, the exit code is non-zero. (tests/cli_process_test.ts covers
 * the same for an in-code connector; this one goes through the declarative path and real HTTP.)
 */
import { ok, strictEqual } from "node:assert/strict";
import { type FaultServer, startFaultServer } from "./fault_server.ts";

const CLI = new URL("../cli.ts", import.meta.url).pathname;
const DAY = 86_400_000;
const BASE = Date.UTC(2024, 0, 1);
const DAYS = 40;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
// two events per day, the second one on the next midnight boundary's eve
const EVENTS = Array.from({ length: DAYS * 2 }, (_, i) => ({
  id: i,
  updated_at: iso(BASE + Math.floor(i / 2) * DAY + (i % 2) * 12 * 3600_000),
}));

function manifest(base: string): string {
  return `
version: 6.0.0
type: DeclarativeSource
check: {type: CheckStream, stream_names: [events]}
streams:
  - type: DeclarativeStream
    name: events
    primary_key: id
    schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
    incremental_sync:
      type: DatetimeBasedCursor
      cursor_field: updated_at
      datetime_format: "%Y-%m-%dT%H:%M:%SZ"
      start_datetime: "${iso(BASE)}"
      end_datetime: "${iso(BASE + DAYS * DAY - 1000)}"
      step: P1D
      cursor_granularity: PT1S
      start_time_option: {type: RequestOption, inject_into: request_parameter, field_name: since}
      end_time_option: {type: RequestOption, inject_into: request_parameter, field_name: until}
    retriever:
      type: SimpleRetriever
      requester: {type: HttpRequester, url_base: "${base}", path: /events, http_method: GET}
      record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}
spec:
  type: Spec
  connection_specification: {type: object, properties: {}}
`;
}

function slowApi(delayMs: number, status = 200): FaultServer {
  return startFaultServer({
    maxRequests: 200,
    handler: (r) => {
      const data = EVENTS.filter((e) => e.updated_at >= r.query.since && e.updated_at <= r.query.until);
      const reply = status === 200
        ? { kind: "json" as const, body: { data } }
        : { kind: "status" as const, status };
      return delayMs ? { kind: "slow", delayMs, then: reply } : reply;
    },
  });
}

async function setup(base: string): Promise<{ dir: string; args: string[] }> {
  const dir = await Deno.makeTempDir({ prefix: "spout_rel_" });
  await Deno.writeTextFile(`${dir}/m.yaml`, manifest(base));
  await Deno.writeTextFile(`${dir}/c.json`, "{}");
  await Deno.writeTextFile(
    `${dir}/cat.json`,
    JSON.stringify({
      streams: [{
        stream: { name: "events", json_schema: {}, supported_sync_modes: ["incremental"] },
        sync_mode: "incremental",
        destination_sync_mode: "append",
      }],
    }),
  );
  const args = [
    "run",
    "-A",
    "--no-check",
    CLI,
    "read",
    "--config",
    `${dir}/c.json`,
    "--catalog",
    `${dir}/cat.json`,
  ];
  return { dir, args: [...args, "--manifest", `${dir}/m.yaml`] };
}

function spawn(args: string[]): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), { args, stdout: "piped", stderr: "piped" }).spawn();
}

Deno.test("process: exit 0 on success, 1 after a TRACE ERROR on failure, 2 on a usage error", async () => {
  for (const [status, expected] of [[200, 0], [403, 1]] as const) {
    const api = slowApi(0, status);
    const { dir, args } = await setup(api.url);
    try {
      const out = await new Deno.Command(Deno.execPath(), { args, stdout: "piped", stderr: "piped" })
        .output();
      strictEqual(out.code, expected, `HTTP ${status}`);
      const messages = new TextDecoder().decode(out.stdout).split("\n").filter(Boolean).map((l) =>
        JSON.parse(l)
      );
      const errors = messages.filter((m) => m.type === "TRACE" && m.trace.type === "ERROR");
      strictEqual(errors.length > 0, expected === 1);
      if (expected === 0) strictEqual(messages.filter((m) => m.type === "RECORD").length, EVENTS.length);
    } finally {
      await api.close();
      await Deno.remove(dir, { recursive: true });
    }
  }
  const usage = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--no-check", CLI, "read", "--no-such-flag"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  strictEqual(usage.code, 2);
  strictEqual(usage.stdout.length, 0, "usage errors print nothing on stdout");
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  Deno.test(`process: ${signal} mid-read of a manifest → flushed records, no state past them, non-zero exit`, async () => {
    const api = slowApi(40);
    const { dir, args } = await setup(api.url);
    const child = spawn(args);
    const deadline = setTimeout(() => child.kill("SIGKILL"), 30_000);
    try {
      const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
      const stderr = new Response(child.stderr).text();
      let text = "";
      let signalled = false;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
        if (!signalled && (text.match(/"type":"STATE"/g) ?? []).length >= 3) {
          child.kill(signal);
          signalled = true;
        }
      }
      const status = await child.status;
      await stderr;
      ok(signalled, "the read finished before it could be signalled");
      ok(status.code !== 0, `exit code ${status.code}`);
      const messages = text.split("\n").filter(Boolean).map((l) => JSON.parse(l)); // every line is complete JSON
      const emitted = new Set<number>();
      let states = 0;
      for (const m of messages) {
        if (m.type === "RECORD") emitted.add(m.record.data.id);
        if (m.type !== "STATE") continue;
        states++;
        const claimed = m.state.stream.stream_state.updated_at as string;
        const missing = EVENTS.filter((e) => e.updated_at < claimed && !emitted.has(e.id));
        strictEqual(
          missing.length,
          0,
          `a STATE claims ${claimed} before records ${missing.map((e) => e.id)}`,
        );
      }
      ok(states >= 3 && emitted.size >= 6, `${states} states, ${emitted.size} records`);
      ok(emitted.size < EVENTS.length, "the read was interrupted");
      const last = messages.filter((m) => m.type === "TRACE" && m.trace.type === "STREAM_STATUS").at(-1);
      strictEqual(last?.trace.stream_status.status, "INCOMPLETE");
    } finally {
      clearTimeout(deadline);
      await api.close();
      await Deno.remove(dir, { recursive: true });
    }
  });
}

for (
  const [what, fault] of [
    ["a 10-minute Retry-After wait", {
      kind: "status",
      status: 429,
      retryAfter: { kind: "seconds", seconds: 600 },
    }],
    ["a stalled request", { kind: "stall" }],
  ] as const
) {
  Deno.test(`process: SIGTERM during ${what} stops the read within seconds (non-zero exit, TRACE ERROR)`, async () => {
    const api = startFaultServer({ maxRequests: 20, handler: () => fault });
    const { dir, args } = await setup(api.url);
    const child = spawn(args);
    const deadline = setTimeout(() => child.kill("SIGKILL"), 30_000);
    try {
      const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
      const stderr = new Response(child.stderr).text();
      let text = "";
      let killedAt = 0;
      const waitForRequest = async () => {
        while (api.count() === 0) await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, 200));
        child.kill("SIGTERM");
        killedAt = performance.now();
      };
      const killing = waitForRequest();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += value;
      }
      const status = await child.status;
      await killing;
      await stderr;
      const stopMs = performance.now() - killedAt;
      ok(stopMs < 5000, `stopped ${stopMs} ms after SIGTERM`);
      ok(status.code !== 0);
      const messages = text.split("\n").filter(Boolean).map((l) => JSON.parse(l));
      ok(messages.some((m) => m.type === "TRACE" && m.trace.type === "ERROR"), text.slice(-500));
      strictEqual(messages.filter((m) => m.type === "STATE").length, 0, "no state: nothing was read");
    } finally {
      clearTimeout(deadline);
      await api.close();
      await Deno.remove(dir, { recursive: true });
    }
  });
}
