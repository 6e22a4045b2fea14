import { ok, strictEqual } from "node:assert/strict";

const fixture = new URL("./cli_signal_fixture.ts", import.meta.url).pathname;
const cli = new URL("../cli.ts", import.meta.url).pathname;

async function files(): Promise<{ dir: string; config: string; catalog: string }> {
  const dir = await Deno.makeTempDir({ prefix: "spout_cli_" });
  const config = `${dir}/config.json`;
  const catalog = `${dir}/catalog.json`;
  await Deno.writeTextFile(config, "{}");
  await Deno.writeTextFile(
    catalog,
    JSON.stringify({
      streams: [{
        stream: { name: "slow", json_schema: {} },
        sync_mode: "incremental",
        destination_sync_mode: "append",
      }],
    }),
  );
  return { dir, config, catalog };
}

async function signalRun(signal: Deno.Signal): Promise<void> {
  const { dir, config, catalog } = await files();
  try {
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--no-check",
        fixture,
        "read",
        "--config",
        config,
        "--catalog",
        catalog,
        "--connector",
        "slow",
      ],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const stdout = new Response(child.stdout).text();
    const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
    let err = "";
    const deadline = setTimeout(() => child.kill("SIGKILL"), 20_000);
    while (!err.includes("ready")) {
      const { value, done } = await reader.read();
      if (done) break;
      err += value;
    }
    child.kill(signal);
    const status = await child.status;
    clearTimeout(deadline);
    reader.releaseLock();
    await child.stderr.cancel().catch(() => {});
    const lines = (await stdout).split("\n").filter((l) => l !== "");
    const messages = lines.map((l) => JSON.parse(l));
    strictEqual(status.code, 1, `exit code after ${signal}`);
    let lastRecord = 0;
    for (const m of messages) {
      if (m.type === "RECORD") lastRecord = m.record.data.id;
      if (m.type === "STATE") {
        ok(m.state.stream.stream_state.id <= lastRecord, "state never ahead of records");
      }
    }
    ok(lastRecord >= 3, "records produced before the signal were flushed");
    const statuses = messages.filter((m) => m.type === "TRACE" && m.trace.type === "STREAM_STATUS")
      .map((m) => m.trace.stream_status.status);
    strictEqual(statuses.at(-1), "INCOMPLETE");
    const error = messages.find((m) => m.type === "TRACE" && m.trace.type === "ERROR");
    strictEqual(error?.trace.error.failure_type, "transient_error");
    ok(error?.trace.error.internal_message.includes(signal));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("SIGTERM stops a real read: flushed records, no state past them, INCOMPLETE, exit 1", async () => {
  await signalRun("SIGTERM");
});

Deno.test("SIGINT behaves the same", async () => {
  await signalRun("SIGINT");
});

Deno.test("a real process: spec prints one JSON line (exit 0); a usage error exits 2 with stdout empty", async () => {
  const spec = await new Deno.Command(Deno.execPath(), { args: ["run", "-A", "--no-check", cli, "spec"] })
    .output();
  strictEqual(spec.code, 0);
  const lines = new TextDecoder().decode(spec.stdout).trim().split("\n");
  strictEqual(lines.length, 1);
  strictEqual(JSON.parse(lines[0]).type, "SPEC");
  const usage = await new Deno.Command(Deno.execPath(), { args: ["run", "-A", "--no-check", cli, "bogus"] })
    .output();
  strictEqual(usage.code, 2);
  strictEqual(usage.stdout.length, 0);
  ok(new TextDecoder().decode(usage.stderr).includes("Usage:"));
});

Deno.test("a closed stdout (EPIPE, e.g. `| head`) ends the read with exit 1 and no crash trace", async () => {
  const { dir, config, catalog } = await files();
  try {
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--no-check",
        fixture,
        "read",
        "--config",
        config,
        "--catalog",
        catalog,
        "--connector",
        "slow",
      ],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const deadline = setTimeout(() => child.kill("SIGKILL"), 20_000);
    const reader = child.stdout.getReader();
    await reader.read();
    await reader.cancel();
    const [status, stderr] = await Promise.all([child.status, new Response(child.stderr).text()]);
    clearTimeout(deadline);
    strictEqual(status.code, 1);
    ok(!/uncaught|EPIPE/i.test(stderr), stderr);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an unhandled rejection outside the read aborts it cleanly: flushed output, TRACE ERROR, exit 1", async () => {
  const { dir, config, catalog } = await files();
  try {
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--no-check",
        fixture,
        "read",
        "--config",
        config,
        "--catalog",
        catalog,
        "--connector",
        "buggy",
      ],
      signal: AbortSignal.timeout(20_000),
    }).output();
    strictEqual(output.code, 1);
    const messages = new TextDecoder().decode(output.stdout).trim().split("\n").map((l) => JSON.parse(l));
    ok(messages.filter((m) => m.type === "RECORD").length >= 3);
    const error = messages.find((m) => m.type === "TRACE" && m.trace.type === "ERROR");
    ok(error?.trace.error.message.includes("stray bug"), JSON.stringify(error));
    strictEqual(error?.trace.error.failure_type, "system_error");
    ok(!new TextDecoder().decode(output.stderr).includes("Uncaught"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
