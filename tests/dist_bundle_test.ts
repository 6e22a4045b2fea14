/**
 * The single-file bundles (`deno task bundle`) as real processes under `deno run` AND `node`, each run from a
 * temp directory holding only its config/catalog/state: the example-shop code connector and the example-shop
 * manifest (compared with the reference Python CDK's read), against the sample API on a loopback port.
 * Also checks the bundles are self-contained (only `node:` imports) and prints their size and the cold start
 * of `spec` (printed, never asserted).
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import reference from "../connectors/example-shop/testdata/reference_read.json" with { type: "json" };
import { startSampleApi } from "../connectors/sample_api.ts";
import {
  bundled,
  catalogOf,
  cleanBundles,
  DENO,
  hasNode,
  NODE,
  type ProcessRun,
  runProcess,
  type Runtime,
  workDir,
} from "./dist_helpers.ts";

// deno-lint-ignore no-explicit-any
type Message = any;

const runtimes: Runtime[] = [DENO];
if (await hasNode()) runtimes.push(NODE);
else if (Deno.env.get("SPOUT_SKIP_NODE") !== "1") {
  throw new Error("node (20+) is needed by this test (set SPOUT_SKIP_NODE=1 to run the Deno half only)");
}

const MAX_BUNDLE_BYTES = 4_000_000;

function errors(run: ProcessRun): string {
  return JSON.stringify(run.messages.filter((m: Message) => m.type === "TRACE")) + run.stderr;
}

function recordsOf(run: ProcessRun, stream: string): Message[] {
  return run.messages.filter((m: Message) => m.type === "RECORD" && m.record.stream === stream)
    .map((m: Message) => m.record.data)
    .sort((a: Message, b: Message) => String(a.id).localeCompare(String(b.id)));
}

function lastState(run: ProcessRun, stream: string): Message {
  const states = run.messages.filter((m: Message) =>
    m.type === "STATE" && m.state.stream?.stream_descriptor?.name === stream
  );
  return states.at(-1)?.state.stream.stream_state;
}

/** Runs `bundle` with `args` under `runtime` from a fresh dir holding `files`. */
async function runBundle(
  runtime: Runtime,
  bundle: string,
  args: string[],
  files: Record<string, unknown> = {},
): Promise<ProcessRun> {
  const cwd = await workDir(files);
  try {
    return await runProcess([...runtime.command, bundle, ...args], cwd);
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
}

/** `deno info` lists every module the bundle imports (static and dynamic): all must be `node:` built-ins. */
async function assertSelfContained(file: string): Promise<void> {
  const info = await new Deno.Command(Deno.execPath(), { args: ["info", "--json", file], stdout: "piped" })
    .output();
  strictEqual(info.code, 0);
  const graph = JSON.parse(new TextDecoder().decode(info.stdout)) as {
    modules: Array<{ specifier: string }>;
  };
  const others = graph.modules.map((m) => m.specifier).filter((s) => !s.startsWith("node:"));
  deepStrictEqual(
    others.length,
    1,
    `${file} imports ${others.slice(1)}: only node: built-ins may stay external`,
  );
}

Deno.test("dist bundles: spec/check/read under deno and node from an empty directory", async (t) => {
  const code = await bundled("code:example-shop");
  const manifest = await bundled("manifest:connectors/example-shop/manifest.yaml");
  const generic = await bundled("spout");
  const sizes: string[] = [];
  for (
    const [name, file] of [["spout", generic], ["example-shop", code], ["example-shop-manifest", manifest]]
  ) {
    const bytes = (await Deno.stat(file)).size;
    sizes.push(`${name} ${(bytes / 1e6).toFixed(2)} MB`);
    ok(bytes < MAX_BUNDLE_BYTES, `${name} bundle is ${bytes} bytes (limit ${MAX_BUNDLE_BYTES})`);
    await assertSelfContained(file);
  }
  console.log(`bundle sizes: ${sizes.join(", ")}`);

  const api = await startSampleApi(reference.api_options);
  try {
    await t.step("code connector example-shop", async () => {
      const config = {
        api_url: api.url,
        api_token: "sample-token",
        page_size: 4,
        oauth: { client_id: "shop-client", client_secret: "shop-secret", refresh_token: "shop-refresh" },
      };
      const catalog = catalogOf({
        customers: "full_refresh",
        orders: "incremental",
        order_items: "full_refresh",
        payments: "full_refresh",
      });
      await Promise.all(runtimes.map(async (runtime) => {
        const spec = await runBundle(runtime, code, ["spec"]);
        strictEqual(spec.code, 0, errors(spec));
        deepStrictEqual(spec.messages.map((m: Message) => m.type), ["SPEC"]);
        ok(spec.messages[0].spec.connectionSpecification.required.includes("api_url"), runtime.name);

        const check = await runBundle(runtime, code, ["check", "--config", "config.json"], {
          "config.json": config,
        });
        strictEqual(check.code, 0, errors(check));
        strictEqual(check.messages.at(-1).connectionStatus.status, "SUCCEEDED", runtime.name);

        const bad = await runBundle(runtime, code, ["check", "--config", "config.json"], {
          "config.json": { ...config, api_token: "wrong-token" },
        });
        strictEqual(bad.messages.at(-1).connectionStatus.status, "FAILED", runtime.name);
        ok(!bad.stdout.includes("wrong-token"), `${runtime.name}: the secret is masked`);

        const read = await runBundle(runtime, code, ["read", "--config", "c.json", "--catalog", "cat.json"], {
          "c.json": config,
          "cat.json": catalog,
        });
        strictEqual(read.code, 0, errors(read));
        deepStrictEqual(
          recordsOf(read, "customers").map((r: Message) => r.id).sort((a: number, b: number) => a - b),
          Array.from({ length: 12 }, (_, i) => i + 1),
        );
        // OAuth 2.0 refresh-token grant, then page-number pagination.
        strictEqual(recordsOf(read, "payments").length, 7, errors(read));
        deepStrictEqual(
          recordsOf(read, "orders"),
          reference.run1.records.orders.toSorted((a, b) => a.id - b.id),
        );
        strictEqual(recordsOf(read, "order_items").length, reference.run1.records.order_items.length);
        deepStrictEqual(lastState(read, "orders"), { updated_at: "2024-01-01T06:00:00Z" });

        // The first read's stdout is a valid --state file: the second read starts from its last STATE.
        const again = await runBundle(
          runtime,
          code,
          ["read", "--config", "c.json", "--catalog", "cat.json", "--state", "state.jsonl"],
          { "c.json": config, "cat.json": catalogOf({ orders: "incremental" }), "state.jsonl": read.stdout },
        );
        strictEqual(again.code, 0, errors(again));
        deepStrictEqual(recordsOf(again, "orders").map((r: Message) => r.id), [6]);
      }));
    });

    await t.step(
      "manifest connector example-shop/manifest.yaml equals the reference CDK's read",
      async () => {
        const config = { ...reference.config, api_url: api.url };
        const catalog = catalogOf({ orders: "incremental", order_items: "incremental" });
        await Promise.all(runtimes.map(async (runtime) => {
          const spec = await runBundle(runtime, manifest, ["spec"]);
          strictEqual(spec.code, 0, errors(spec));
          strictEqual(spec.messages[0].type, "SPEC", runtime.name);

          const check = await runBundle(runtime, manifest, ["check", "--config", "/dev/null/../c.json"], {});
          strictEqual(check.code, 1, `${runtime.name}: a missing config file fails`);

          const ok1 = await runBundle(runtime, manifest, ["check", "--config", "config.json"], {
            "config.json": config,
          });
          strictEqual(ok1.messages.at(-1).connectionStatus.status, "SUCCEEDED", errors(ok1));

          const first = await runBundle(runtime, manifest, [
            "read",
            "--config",
            "c.json",
            "--catalog",
            "cat.json",
          ], {
            "c.json": config,
            "cat.json": catalog,
          });
          strictEqual(first.code, 0, errors(first));
          const sorted = (rows: Message[]) =>
            [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id)));
          deepStrictEqual(recordsOf(first, "orders"), sorted(reference.run1.records.orders), runtime.name);
          deepStrictEqual(recordsOf(first, "order_items"), sorted(reference.run1.records.order_items));
          deepStrictEqual(lastState(first, "orders"), reference.run1.final_states.orders);

          const second = await runBundle(
            runtime,
            manifest,
            ["read", "--config", "c.json", "--catalog", "cat.json", "--state", "state.json"],
            { "c.json": config, "cat.json": catalog, "state.json": reference.state1 },
          );
          strictEqual(second.code, 0, errors(second));
          deepStrictEqual(recordsOf(second, "orders"), sorted(reference.run2.records.orders), runtime.name);
          deepStrictEqual(recordsOf(second, "order_items"), sorted(reference.run2.records.order_items));
          deepStrictEqual(lastState(second, "orders"), reference.run2.final_states.orders);
        }));
      },
    );

    await t.step("the generic bundle keeps --manifest and usage errors (exit 2)", async () => {
      for (const runtime of runtimes) {
        const usage = await runBundle(runtime, generic, ["read", "--config", "c.json"], { "c.json": {} });
        strictEqual(usage.code, 2, `${runtime.name}: ${usage.stderr}`);
        ok(usage.stderr.includes("read needs --catalog PATH"), usage.stderr);
        const text = await Deno.readTextFile(
          new URL("../connectors/shop-manifest/manifest.yaml", import.meta.url),
        );
        const spec = await runBundle(runtime, generic, ["spec", "--manifest", "m/manifest.yaml"], {
          "m/manifest.yaml": text,
        });
        strictEqual(spec.code, 0, errors(spec));
        strictEqual(spec.messages[0].spec.connectionSpecification.title, "Shop (manifest)", runtime.name);
      }
    });

    await t.step("cold start of spec (printed, not asserted)", async () => {
      const lines: string[] = [];
      for (const runtime of runtimes) {
        for (const [name, file] of [["example-shop", code], ["example-shop-manifest", manifest]]) {
          const times: number[] = [];
          for (let i = 0; i < 3; i++) times.push((await runBundle(runtime, file, ["spec"])).ms);
          times.sort((a, b) => a - b);
          lines.push(
            `${runtime.name} ${name}: median ${times[1].toFixed(0)} ms (min ${times[0].toFixed(0)})`,
          );
        }
      }
      console.log(`cold start of spec from the bundle:\n  ${lines.join("\n  ")}`);
    });
  } finally {
    await api.close();
    await cleanBundles();
  }
});
