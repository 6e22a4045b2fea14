import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { main } from "../cli.ts";
import { SpoutError } from "../src/errors.ts";
import type { AirbyteMessage } from "../src/protocol/messages.ts";
import { catalogFor, fakeSource, runCli, scriptedStream } from "./cli_helpers.ts";

const SECRET = "sk_live_9f8e7d6c5b4a";
const goodConfig = { api_key: SECRET, region: "eu" };

type Trace = Extract<AirbyteMessage, { type: "TRACE" }>;
const errors = (messages: AirbyteMessage[]) =>
  messages.filter((m): m is Trace => m.type === "TRACE" && m.trace.type === "ERROR");

function usersSource() {
  return fakeSource([
    scriptedStream("users", async function* () {
      yield { type: "record", data: { id: 1 } };
      yield { type: "record", data: { id: 2 } };
    }),
  ]);
}

Deno.test("usage errors exit 2 with help on stderr and nothing on stdout", async () => {
  const cases = [
    [],
    ["frobnicate"],
    ["read", "--config", "c.json"],
    ["check"],
    ["read", "--config", "c", "--catalog", "k", "--concurrency", "0"],
    ["spec", "--bogus"],
    ["spec", "extra"],
    ["check", "--config", "c", "--manifest", "m", "--connector", "x"],
    ["validate"],
  ];
  for (const args of cases) {
    const run = await runCli(main, args);
    strictEqual(run.code, 2, `exit code for ${args.join(" ")}`);
    strictEqual(run.stdout, "", `stdout stays clean for ${args.join(" ")}`);
    ok(run.stderr.startsWith("spout: "), run.stderr);
    ok(run.stderr.includes("Usage:"), "help text follows the error");
  }
});

Deno.test("--help prints help and exits 0; --version prints the version", async () => {
  const { memoryIO } = await import("./cli_helpers.ts");
  const world = memoryIO();
  strictEqual(await main(["--help"], world.io), 0);
  ok(world.out().includes("spout read"));
  const version = memoryIO();
  strictEqual(await main(["--version"], version.io), 0);
  ok(/^spout \d+\.\d+\.\d+\n$/.test(version.out()));
});

Deno.test("spec prints one SPEC message for a connector, and the generic manifest spec without one", async () => {
  const run = await runCli(main, ["spec", "--connector", "fake"], { connectors: { fake: usersSource } });
  strictEqual(run.code, 0);
  strictEqual(run.messages.length, 1);
  const [message] = run.messages;
  strictEqual(message.type, "SPEC");
  if (message.type === "SPEC") {
    strictEqual(message.spec.documentationUrl, "https://example.test/docs");
    deepStrictEqual(message.spec.connectionSpecification.required, ["api_key"]);
  }
  const generic = await runCli(main, ["spec"]);
  strictEqual(generic.code, 0);
  const spec = generic.messages[0];
  ok(
    spec.type === "SPEC" && "__injected_declarative_manifest" in
        (spec.spec.connectionSpecification.properties as Record<string, unknown>),
  );
});

Deno.test("unknown connector is a usage error listing the available ones", async () => {
  const run = await runCli(main, ["spec", "--connector", "nope"], { connectors: { fake: usersSource } });
  strictEqual(run.code, 2);
  ok(run.stderr.includes('unknown connector "nope" (available: fake)'), run.stderr);
});

Deno.test("check: success, FAILED status and thrown errors all exit 0 with a masked CONNECTION_STATUS", async () => {
  const files = { "c.json": goodConfig };
  const okRun = await runCli(main, ["check", "--config", "c.json", "--connector", "fake"], {
    files,
    connectors: { fake: usersSource },
  });
  strictEqual(okRun.code, 0);
  deepStrictEqual(okRun.messages.filter((m) => m.type === "CONNECTION_STATUS"), [
    { type: "CONNECTION_STATUS", connectionStatus: { status: "SUCCEEDED" } },
  ]);
  const throwing = () =>
    fakeSource(
      [],
      () => Promise.reject(new SpoutError("http_auth", `401: key ${SECRET} rejected, check api_key`)),
    );
  const failRun = await runCli(main, ["check", "--config", "c.json", "--connector", "fake"], {
    files,
    connectors: { fake: throwing },
  });
  strictEqual(failRun.code, 0);
  const status = failRun.messages.find((m) => m.type === "CONNECTION_STATUS");
  ok(status?.type === "CONNECTION_STATUS" && status.connectionStatus.status === "FAILED");
  ok(status.connectionStatus.message?.includes("401: key **** rejected"), status.connectionStatus.message);
  ok(!failRun.stdout.includes(SECRET));
});

Deno.test("invalid config: read and discover emit a config_error TRACE and exit 1; check reports FAILED", async () => {
  const files = { "bad.json": { api_key: SECRET, region: "mars" }, "cat.json": catalogFor(["users"]) };
  const connectors = { fake: usersSource };
  for (
    const args of [
      ["read", "--config", "bad.json", "--catalog", "cat.json", "--connector", "fake"],
      ["discover", "--config", "bad.json", "--connector", "fake"],
    ]
  ) {
    const run = await runCli(main, args, { files, connectors });
    strictEqual(run.code, 1, args[0]);
    const [error] = errors(run.messages);
    strictEqual(error.trace.error?.failure_type, "config_error");
    ok(
      error.trace.error?.message.startsWith("Config validation error: config.region"),
      error.trace.error?.message,
    );
    ok(!run.messages.some((m) => m.type === "RECORD" || m.type === "CATALOG"));
    ok(!run.stdout.includes(SECRET));
  }
  const check = await runCli(main, ["check", "--config", "bad.json", "--connector", "fake"], {
    files,
    connectors,
  });
  strictEqual(check.code, 0);
  const status = check.messages[0];
  ok(status.type === "CONNECTION_STATUS" && status.connectionStatus.status === "FAILED");
  ok(status.connectionStatus.message?.includes("config.region"));
});

Deno.test("config validation ignores `format` (like the reference) and internal keys", async () => {
  const files = {
    "c.json": { api_key: SECRET, start_date: "2024-01-01", __injected_declarative_manifest: {}, _limit: 5 },
  };
  const run = await runCli(main, ["discover", "--config", "c.json", "--connector", "fake"], {
    files,
    connectors: { fake: usersSource },
  });
  strictEqual(run.code, 0, run.stdout);
  strictEqual(run.messages.at(-1)?.type, "CATALOG");
});

Deno.test("discover prints the catalog", async () => {
  const run = await runCli(main, ["discover", "--config", "c.json", "--connector", "fake"], {
    files: { "c.json": goodConfig },
    connectors: { fake: usersSource },
  });
  strictEqual(run.code, 0);
  const catalog = run.messages.find((m) => m.type === "CATALOG");
  ok(catalog?.type === "CATALOG");
  deepStrictEqual(catalog.catalog.streams.map((s) => [s.name, s.supported_sync_modes]), [["users", [
    "full_refresh",
  ]]]);
});

Deno.test("read: records, no-cursor state, statuses; stdout is JSON lines only", async () => {
  const run = await runCli(main, [
    "read",
    "--config",
    "c.json",
    "--catalog",
    "cat.json",
    "--connector",
    "fake",
  ], {
    files: { "c.json": goodConfig, "cat.json": catalogFor(["users"]) },
    connectors: { fake: usersSource },
  });
  strictEqual(run.code, 0, run.stdout);
  strictEqual(run.stderr, "");
  ok(run.stdout.endsWith("\n"));
  deepStrictEqual(
    run.messages.filter((m) => m.type === "RECORD").map((m) => m.type === "RECORD" && m.record.data),
    [{ id: 1 }, { id: 2 }],
  );
  const state = run.messages.find((m) => m.type === "STATE");
  ok(state?.type === "STATE");
  deepStrictEqual(state.state.stream?.stream_state, { __ab_no_cursor_state_message: true });
  strictEqual(state.state.sourceStats?.recordCount, 2);
});

Deno.test("read passes the input state (legacy object or message list) to the stream", async () => {
  const seen: unknown[] = [];
  const source = () =>
    fakeSource([
      scriptedStream("inc", async function* (_ctx, state) {
        seen.push(state);
        yield { type: "state", state: { cursor: 2 } };
      }, { cursorField: ["cursor"] }),
    ]);
  const base = { "c.json": goodConfig, "cat.json": catalogFor(["inc"], "incremental") };
  const states = [
    { inc: { cursor: 1 } },
    [{ type: "STREAM", stream: { stream_descriptor: { name: "inc" }, stream_state: { cursor: 1 } } }],
  ];
  for (const state of [...states, "  \n"]) {
    const run = await runCli(
      main,
      ["read", "--config", "c.json", "--catalog", "cat.json", "--state", "s.json", "--connector", "fake"],
      { files: { ...base, "s.json": state }, connectors: { fake: source } },
    );
    strictEqual(run.code, 0);
  }
  deepStrictEqual(seen, [{ cursor: 1 }, { cursor: 1 }, undefined]);
});

Deno.test("a stream error containing a secret: masked TRACE ERROR, INCOMPLETE, other streams read, exit 1", async () => {
  const source = () =>
    fakeSource([
      scriptedStream("bad", async function* () {
        yield* [];
        throw new Error(`GET https://api.test/x?key=${SECRET} failed; Authorization: Bearer ${btoa(SECRET)}`);
      }),
      scriptedStream("users", async function* () {
        yield { type: "record", data: { id: 1 } };
      }),
    ]);
  const run = await runCli(main, [
    "read",
    "--config",
    "c.json",
    "--catalog",
    "cat.json",
    "--connector",
    "fake",
  ], {
    files: { "c.json": goodConfig, "cat.json": catalogFor(["bad", "users"]) },
    connectors: { fake: source },
  });
  strictEqual(run.code, 1);
  ok(!run.stdout.includes(SECRET), "raw secret masked");
  ok(!run.stdout.includes(btoa(SECRET)), "base64 secret masked");
  const [streamError, finalError] = errors(run.messages);
  deepStrictEqual(streamError.trace.error?.stream_descriptor, { name: "bad" });
  strictEqual(streamError.trace.error?.failure_type, "system_error");
  ok(streamError.trace.error?.message.includes("key=****"));
  ok(finalError.trace.error?.message.includes("did not sync successfully"));
  ok(run.messages.some((m) => m.type === "RECORD" && m.record.stream === "users"));
  ok(run.messages.some((m) =>
    m.type === "TRACE" && m.trace.stream_status?.status === "INCOMPLETE" &&
    m.trace.stream_status.stream_descriptor.name === "bad"
  ));
});

Deno.test("unreadable or invalid config files: TRACE ERROR, exit 1, never echoing the file", async () => {
  const missing = await runCli(main, ["check", "--config", "nope.json", "--connector", "fake"], {
    connectors: { fake: usersSource },
  });
  strictEqual(missing.code, 1);
  ok(errors(missing.messages)[0].trace.error?.message.includes("cannot read the config file nope.json"));
  const broken = await runCli(main, ["check", "--config", "c.json", "--connector", "fake"], {
    files: { "c.json": `{"api_key": "${SECRET}" oops` },
    connectors: { fake: usersSource },
  });
  strictEqual(broken.code, 1);
  ok(errors(broken.messages)[0].trace.error?.message.includes("is not valid JSON"));
  ok(!broken.stdout.includes(SECRET));
  const notObject = await runCli(main, ["check", "--config", "c.json", "--connector", "fake"], {
    files: { "c.json": "[1,2]" },
    connectors: { fake: usersSource },
  });
  strictEqual(notObject.code, 1);
});

Deno.test("errors before the spec is known mask every config value", async () => {
  const failingSpec = () => ({
    ...usersSource(),
    spec: () => Promise.reject(new Error(`spec needs ${SECRET}`)),
  });
  const run = await runCli(main, ["check", "--config", "c.json", "--connector", "fake"], {
    files: { "c.json": goodConfig },
    connectors: { fake: failingSpec },
  });
  strictEqual(run.code, 1);
  ok(!run.stdout.includes(SECRET), run.stdout);
});

Deno.test("bad catalog and bad state are reported before any stream is read", async () => {
  let reads = 0;
  const source = () =>
    fakeSource([scriptedStream("users", async function* () {
      reads++;
      yield* [];
    })]);
  const base = { "c.json": goodConfig, "cat.json": catalogFor(["users"]) };
  const badCatalog = await runCli(
    main,
    ["read", "--config", "c.json", "--catalog", "bad.json", "--connector", "fake"],
    { files: { ...base, "bad.json": { streams: [{ stream: {} }] } }, connectors: { fake: source } },
  );
  strictEqual(badCatalog.code, 1);
  ok(errors(badCatalog.messages)[0].trace.error?.message.includes("streams[0].stream.name"));
  const badState = await runCli(
    main,
    ["read", "--config", "c.json", "--catalog", "cat.json", "--state", "s.json", "--connector", "fake"],
    { files: { ...base, "s.json": [{ type: "WHAT" }] }, connectors: { fake: source } },
  );
  strictEqual(badState.code, 1);
  strictEqual(errors(badState.messages)[0].trace.error?.failure_type, "config_error");
  strictEqual(reads, 0);
});

Deno.test("env.log becomes masked LOG messages; DEBUG only with --debug", async () => {
  const source = () =>
    fakeSource([scriptedStream("users", async function* (ctx) {
      ctx.env.log("INFO", `calling with ${SECRET}`);
      ctx.env.log("DEBUG", "details");
      yield { type: "record", data: { id: 1 } };
    })]);
  const files = { "c.json": goodConfig, "cat.json": catalogFor(["users"]) };
  const args = ["read", "--config", "c.json", "--catalog", "cat.json", "--connector", "fake"];
  const run = await runCli(main, args, { files, connectors: { fake: source } });
  const logs = run.messages.flatMap((m) =>
    m.type === "LOG" && !m.log.message.includes("stream users") ? [m.log] : []
  );
  deepStrictEqual(logs, [{ level: "INFO", message: "calling with ****" }]);
  const debug = await runCli(main, [...args, "--debug"], { files, connectors: { fake: source } });
  deepStrictEqual(
    debug.messages.flatMap((m) => m.type === "LOG" && m.log.level === "DEBUG" ? [m.log.message] : []),
    ["details"],
  );
});

Deno.test("onConfigUpdate emits CONTROL with the full new config; the new secret is masked afterwards", async () => {
  const NEW = "rotated_token_123456";
  const source = () =>
    fakeSource([scriptedStream("users", async function* (ctx) {
      ctx.onConfigUpdate?.({ api_key: NEW, region: "eu" });
      ctx.env.log("INFO", `now using ${NEW}`);
      yield { type: "record", data: { id: 1 } };
    })]);
  const run = await runCli(main, [
    "read",
    "--config",
    "c.json",
    "--catalog",
    "cat.json",
    "--connector",
    "fake",
  ], {
    files: { "c.json": goodConfig, "cat.json": catalogFor(["users"]) },
    connectors: { fake: source },
  });
  strictEqual(run.code, 0);
  const control = run.messages.find((m) => m.type === "CONTROL");
  ok(control?.type === "CONTROL");
  strictEqual(control.control.type, "CONNECTOR_CONFIG");
  deepStrictEqual(control.control.connectorConfig.config, { api_key: NEW, region: "eu" });
  const log = run.messages.find((m) => m.type === "LOG" && m.log.message.startsWith("now using"));
  ok(log?.type === "LOG" && log.log.message === "now using ****", JSON.stringify(log));
});

Deno.test("an aborted read stops, marks the stream INCOMPLETE and exits non-zero", async () => {
  const controller = new AbortController();
  const source = () =>
    fakeSource([
      scriptedStream("users", async function* (ctx) {
        yield { type: "record", data: { id: 1 } };
        controller.abort(new Error("received SIGINT"));
        ctx.signal?.throwIfAborted();
        yield { type: "record", data: { id: 2 } };
      }),
      scriptedStream("later", async function* () {
        yield { type: "record", data: { id: 3 } };
      }),
    ]);
  const run = await runCli(main, [
    "read",
    "--config",
    "c.json",
    "--catalog",
    "cat.json",
    "--connector",
    "fake",
  ], {
    files: { "c.json": goodConfig, "cat.json": catalogFor(["users", "later"]) },
    connectors: { fake: source },
    signal: controller.signal,
  });
  strictEqual(run.code, 1);
  deepStrictEqual(run.messages.filter((m) => m.type === "RECORD").length, 1);
  ok(!run.messages.some((m) => m.type === "STATE"), "no state claims the interrupted stream");
  strictEqual(errors(run.messages)[0].trace.error?.failure_type, "transient_error");
});

Deno.test("validate prints the validator's lines and exits 0 only when all manifests are ok", async () => {
  const { memoryIO } = await import("./cli_helpers.ts");
  const good = memoryIO({
    validator: (paths) => Promise.resolve({ lines: paths.map((p) => `${p}: ok`), ok: true }),
  });
  strictEqual(await main(["validate", "a.yaml", "b.yaml"], good.io), 0);
  strictEqual(good.out(), "a.yaml: ok\nb.yaml: ok\n");
  const bad = memoryIO({
    validator: () => Promise.resolve({ lines: ["a.yaml:3:5: unknown type Foo"], ok: false }),
  });
  strictEqual(await main(["validate", "a.yaml"], bad.io), 1);
  ok(bad.out().includes("a.yaml:3:5"));
});

Deno.test("a broken stdout (EPIPE) ends the run with exit 1", async () => {
  const { memoryIO } = await import("./cli_helpers.ts");
  const world = memoryIO({
    files: { "c.json": goodConfig, "cat.json": catalogFor(["users"]) },
    connectors: { fake: usersSource },
  });
  world.io.stdout = () => Promise.reject(new Error("EPIPE"));
  strictEqual(
    await main(["read", "--config", "c.json", "--catalog", "cat.json", "--connector", "fake"], world.io),
    1,
  );
});

Deno.test("--stream-concurrency reads streams side by side and every record still arrives", async () => {
  const slow = (name: string) =>
    scriptedStream(name, async function* () {
      for (let id = 0; id < 5; id++) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        yield { type: "record", data: { id } };
      }
    });
  const source = () => fakeSource([slow("a"), slow("b"), slow("c")]);
  const run = await runCli(
    main,
    [
      "read",
      "--config",
      "c.json",
      "--catalog",
      "cat.json",
      "--connector",
      "fake",
      "--stream-concurrency",
      "3",
    ],
    {
      files: { "c.json": goodConfig, "cat.json": catalogFor(["a", "b", "c"]) },
      connectors: { fake: source },
    },
  );
  strictEqual(run.code, 0);
  const order = run.messages.flatMap((m) => m.type === "RECORD" ? [m.record.stream] : []);
  strictEqual(order.length, 15);
  ok(order.slice(0, 5).some((s) => s !== "a"), `streams interleave: ${order.join()}`);
});

Deno.test("read --state accepts the stdout of a previous read", async () => {
  const seen: unknown[] = [];
  const source = () =>
    fakeSource([
      scriptedStream("inc", async function* (_ctx, state) {
        seen.push(state);
        const from = (state?.cursor as number | undefined) ?? 0;
        yield { type: "record", data: { id: from + 1 } };
        yield { type: "state", state: { cursor: from + 1 } };
      }, { cursorField: ["cursor"] }),
    ]);
  const files: Record<string, string | object> = {
    "c.json": goodConfig,
    "cat.json": catalogFor(["inc"], "incremental"),
  };
  const args = ["read", "--config", "c.json", "--catalog", "cat.json", "--connector", "fake"];
  const first = await runCli(main, args, { files, connectors: { fake: source } });
  files["out.jsonl"] = first.stdout;
  const second = await runCli(main, [...args, "--state", "out.jsonl"], {
    files,
    connectors: { fake: source },
  });
  strictEqual(second.code, 0);
  deepStrictEqual(seen, [undefined, { cursor: 1 }]);
});

Deno.test("a signal during check or discover ends with an interruption TRACE and exit 1, not FAILED", async () => {
  const controller = new AbortController();
  const hanging = () =>
    fakeSource([
      scriptedStream("users", async function* () {
        yield* [];
      }),
    ], (_config, ctx) => {
      controller.abort(new Error("received SIGTERM"));
      return Promise.reject(ctx.signal?.reason);
    });
  const check = await runCli(main, ["check", "--config", "c.json", "--connector", "fake"], {
    files: { "c.json": goodConfig },
    connectors: { fake: hanging },
    signal: controller.signal,
  });
  strictEqual(check.code, 1);
  ok(!check.messages.some((m) => m.type === "CONNECTION_STATUS"));
  strictEqual(errors(check.messages)[0].trace.error?.failure_type, "transient_error");

  const aborted = new AbortController();
  const discovering = () => ({
    ...usersSource(),
    streams: () => {
      aborted.abort(new Error("received SIGINT"));
      return Promise.reject(new DOMException("aborted", "AbortError"));
    },
  });
  const discover = await runCli(main, ["discover", "--config", "c.json", "--connector", "fake"], {
    files: { "c.json": goodConfig },
    connectors: { fake: discovering },
    signal: aborted.signal,
  });
  strictEqual(discover.code, 1);
  strictEqual(errors(discover.messages)[0].trace.error?.failure_type, "transient_error");
});
