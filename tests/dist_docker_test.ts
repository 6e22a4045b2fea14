/**
 * The Dockerfile without a Docker engine: its structure (stages, distroless non-root final stage with only
 * the binary, ENTRYPOINT = AIRBYTE_ENTRYPOINT, Airbyte + OCI labels, build args), its build-stage script run
 * for real with `deno compile` swapped for the bundle (the only step that needs the network), and the
 * entrypoint contract: the exact command lines the Airbyte platform runs against a connector image.
 */
import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { startSampleApi } from "../connectors/sample_api.ts";
import { loadManifest } from "../src/declarative/load_manifest.ts";
import { catalogOf, hasNode, NODE, type ProcessRun, runProcess, workDir } from "./dist_helpers.ts";

const ROOT = new URL("../", import.meta.url).pathname.replace(/\/$/, "");

/** One instruction of a Dockerfile (continuations joined, comments dropped). */
interface Instruction {
  op: string;
  args: string;
}

/** A build stage. */
interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** Parses the subset of Dockerfile syntax this repo uses. */
function parseDockerfile(text: string): { globalArgs: Record<string, string>; stages: Stage[] } {
  const instructions: Instruction[] = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    const line = raw.trimEnd();
    if (pending === "" && (line.trim() === "" || line.trimStart().startsWith("#"))) continue;
    if (line.endsWith("\\")) {
      pending += line.slice(0, -1) + "\n";
      continue;
    }
    const full = (pending + line).trim();
    pending = "";
    const space = full.search(/\s/);
    instructions.push({ op: full.slice(0, space).toUpperCase(), args: full.slice(space + 1).trim() });
  }
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const ins of instructions) {
    if (ins.op === "FROM") {
      const [image, as, name] = ins.args.split(/\s+/);
      const from = image.replace(/\$\{(\w+)\}/g, (_, v: string) => globalArgs[v] ?? "");
      stages.push({ from, name: as?.toUpperCase() === "AS" ? name : undefined, instructions: [] });
    } else if (stages.length === 0 && ins.op === "ARG") {
      const [k, v] = ins.args.split("=");
      globalArgs[k] = (v ?? "").replace(/^"|"$/g, "");
    } else stages.at(-1)!.instructions.push(ins);
  }
  return { globalArgs, stages };
}

/** `k="v" k2=v2 …` pairs (LABEL, ENV). */
function pairs(args: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of args.matchAll(/([\w.\-]+)=("(?:[^"\\]|\\.)*"|\S+)/g)) {
    out[m[1]] = m[2].replace(/^"|"$/g, "");
  }
  return out;
}

function all(stage: Stage, op: string): Instruction[] {
  return stage.instructions.filter((i) => i.op === op);
}

const dockerfile = parseDockerfile(await Deno.readTextFile(`${ROOT}/Dockerfile`));
const [build, final] = dockerfile.stages;

Deno.test("Dockerfile: a Deno build stage and a distroless, non-root final stage with only the binary", () => {
  strictEqual(dockerfile.stages.length, 2);
  strictEqual(build.from, "denoland/deno:2.9.6");
  strictEqual(build.name, "build");
  strictEqual(final.from, "gcr.io/distroless/cc-debian12:nonroot");
  // Nothing runs in the final stage (distroless has no shell) and only the binary is copied in.
  deepStrictEqual(all(final, "RUN"), []);
  const copies = all(final, "COPY");
  strictEqual(copies.length, 1);
  match(copies[0].args, /^--from=build\b.*\s\/out\/connector \/airbyte\/connector$/);
  const users = all(final, "USER").map((i) => i.args);
  strictEqual(users.length, 1);
  ok(!/^(root|0)(:|$)/.test(users[0]), `final USER ${users[0]} must not be root`);
  // USER comes before ENTRYPOINT so the entrypoint never runs as root.
  ok(
    final.instructions.findIndex((i) => i.op === "USER") <
      final.instructions.findIndex((i) => i.op === "ENTRYPOINT"),
  );
});

Deno.test("Dockerfile: ENTRYPOINT equals AIRBYTE_ENTRYPOINT; Airbyte and OCI labels come from build args", () => {
  const env = Object.assign({}, ...all(final, "ENV").map((i) => pairs(i.args)));
  const entrypoint = JSON.parse(all(final, "ENTRYPOINT")[0].args) as string[];
  deepStrictEqual(entrypoint, [env.AIRBYTE_ENTRYPOINT]);
  strictEqual(env.AIRBYTE_ENTRYPOINT, "/airbyte/connector");
  strictEqual(env.DENO_TLS_CA_STORE, "mozilla,system", "the image's CA certificates are trusted");
  const buildEnv = Object.assign({}, ...all(build, "ENV").map((i) => pairs(i.args)));
  strictEqual(buildEnv.DENO_TLS_CA_STORE, "mozilla,system", "and recorded in the binary by deno compile");
  const labels = Object.assign({}, ...all(final, "LABEL").map((i) => pairs(i.args)));
  const args = Object.assign({}, ...all(final, "ARG").map((i) => pairs(i.args)));
  strictEqual(labels["io.airbyte.name"], "${CONNECTOR_NAME}");
  strictEqual(labels["io.airbyte.version"], "${CONNECTOR_VERSION}");
  ok(
    "CONNECTOR_NAME" in args && "CONNECTOR_VERSION" in args,
    "the label args are declared in the final stage",
  );
  for (const key of ["title", "version", "description", "source", "licenses"]) {
    ok(labels[`org.opencontainers.image.${key}`], `label org.opencontainers.image.${key}`);
  }
  const buildArgs = Object.assign({}, ...all(build, "ARG").map((i) => pairs(i.args)));
  ok("CONNECTOR_MANIFEST" in buildArgs && "CONNECTOR" in buildArgs);
  const run = all(build, "RUN").map((i) => i.args).join("\n");
  match(run, /\$\{CONNECTOR_MANIFEST\}/);
  match(run, /\$\{CONNECTOR\}/);
  match(run, /deno run -A scripts\/build\.ts "\$@" --no-bundle --out \/out\/connector/);
  // Everything the build stage copies exists.
  for (const copy of all(build, "COPY")) {
    const parts = copy.args.split(/\s+/).filter((p) => !p.startsWith("--"));
    for (const source of parts.slice(0, -1)) ok(Deno.statSync(`${ROOT}/${source}`), source);
  }
});

function globRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replaceAll("*", "[^/]*")}$`);
}

async function copyTree(
  from: string,
  to: string,
  rel: string,
  ignored: (rel: string) => boolean,
): Promise<void> {
  if (ignored(rel)) return;
  const info = await Deno.stat(from);
  if (info.isDirectory) {
    await Deno.mkdir(to, { recursive: true });
    for await (const entry of Deno.readDir(from)) {
      await copyTree(`${from}/${entry.name}`, `${to}/${entry.name}`, `${rel}/${entry.name}`, ignored);
    }
  } else {
    await Deno.mkdir(to.slice(0, to.lastIndexOf("/")), { recursive: true });
    await Deno.copyFile(from, to);
  }
}

/**
 * The build stage's WORKDIR as Docker would fill it: only what the COPY instructions name, minus the
 * .dockerignore patterns — so a file the build needs but the image lacks fails here too.
 */
async function buildContext(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "spout_docker_ctx_" });
  const patterns = (await Deno.readTextFile(`${ROOT}/.dockerignore`)).split("\n").map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  const ignored = (rel: string) => {
    const name = rel.slice(rel.lastIndexOf("/") + 1);
    return patterns.some((p) =>
      p.startsWith("**/") ? globRegExp(p.slice(3)).test(name) : globRegExp(p).test(rel.replace(/^\//, ""))
    );
  };
  for (const copy of all(build, "COPY")) {
    const parts = copy.args.split(/\s+/).filter((p) => !p.startsWith("--"));
    const dest = parts.at(-1)!;
    for (const source of parts.slice(0, -1)) {
      const target = dest.endsWith("/") ? `${dir}/${dest}${source.split("/").pop()}` : `${dir}/${dest}`;
      await copyTree(`${ROOT}/${source}`, target, `/${source}`, ignored);
    }
  }
  return dir;
}

/** Runs the build stage's RUN script (as `sh`, in a copy of the build context) with build args as env. */
async function runBuildStage(
  buildArgs: Record<string, string>,
  outDir: string,
): Promise<{ code: number; stderr: string; denoCalls: string[] }> {
  const bin = await workDir({});
  const log = `${bin}/calls.log`;
  // `deno compile` needs the network: the fake deno runs the same build with --no-compile and leaves, at the
  // binary's path, a wrapper running the bundle — the rest of the script (and the test) runs it as the binary.
  await Deno.writeTextFile(
    `${bin}/deno`,
    `#!/bin/sh
set -eu
printf '%s\\n' "$*" >> "${log}"
out=""; prev=""
for a in "$@"; do [ "$prev" = "--out" ] && out="$a"; prev="$a"; done
for a in "$@"; do shift; if [ "$a" = "--no-bundle" ]; then set -- "$@" --no-compile; else set -- "$@" "$a"; fi; done
"${Deno.execPath()}" "$@"
printf '#!/bin/sh\\nexec "%s" run -A "%s.js" "$@"\\n' "${Deno.execPath()}" "$out" > "$out"
chmod +x "$out"
`,
  );
  await Deno.chmod(`${bin}/deno`, 0o755);
  const script = all(build, "RUN").map((i) => i.args).join("\n").replaceAll("/out/", `${outDir}/`);
  const args = Object.assign({}, ...all(build, "ARG").map((i) => pairs(i.args)), buildArgs);
  const context = await buildContext();
  const output = await new Deno.Command("sh", {
    args: ["-c", script],
    cwd: context,
    env: { ...args, PATH: `${bin}:${Deno.env.get("PATH")}`, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(120_000),
  }).output();
  let denoCalls: string[] = [];
  try {
    denoCalls = (await Deno.readTextFile(log)).trim().split("\n");
  } catch { /* never called */ }
  await Deno.remove(bin, { recursive: true });
  await Deno.remove(context, { recursive: true });
  return { code: output.code, stderr: new TextDecoder().decode(output.stderr), denoCalls };
}

Deno.test("Dockerfile build stage: build args pick the connector (at most one; none = generic runner)", async () => {
  const out = await Deno.makeTempDir({ prefix: "spout_docker_out_" });
  try {
    const both = await runBuildStage({ CONNECTOR: "example-shop", CONNECTOR_MANIFEST: "m.yaml" }, out);
    strictEqual(both.code, 2);
    match(both.stderr, /at most one of --build-arg CONNECTOR_MANIFEST=/);
    deepStrictEqual(both.denoCalls, []);

    const code = await runBuildStage({ CONNECTOR: "example-shop" }, out);
    strictEqual(code.code, 0, code.stderr);
    deepStrictEqual(code.denoCalls, [
      `run -A scripts/build.ts --connector example-shop --no-bundle --out ${out}/connector`,
    ]);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("generic image (no build arg): the manifest comes in the config, as source-declarative-manifest", async () => {
  const out = await Deno.makeTempDir({ prefix: "spout_docker_out_" });
  const api = await startSampleApi();
  try {
    const stage = await runBuildStage({}, out);
    strictEqual(stage.code, 0, stage.stderr);
    deepStrictEqual(stage.denoCalls, [`run -A scripts/build.ts --cli --no-bundle --out ${out}/connector`]);
    const manifest =
      loadManifest(await Deno.readTextFile(`${ROOT}/connectors/shop-manifest/manifest.yaml`)).value;
    const secrets = await workDir({
      "config.json": {
        __injected_declarative_manifest: manifest,
        api_url: api.url,
        api_token: "sample-token",
      },
      "catalog.json": catalogOf({ customers: "full_refresh" }),
    });
    try {
      const spec = await runProcess([`${out}/connector`, "spec"], secrets);
      strictEqual(
        spec.messages[0].spec.connectionSpecification.required[0],
        "__injected_declarative_manifest",
      );
      const read = await runProcess(
        [
          `${out}/connector`,
          "read",
          "--config",
          `${secrets}/config.json`,
          "--catalog",
          `${secrets}/catalog.json`,
        ],
        secrets,
      );
      strictEqual(read.code, 0, read.stderr);
      strictEqual(read.messages.filter((m) => m.type === "RECORD").length, 12);
    } finally {
      await Deno.remove(secrets, { recursive: true });
    }
  } finally {
    await api.close();
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("entrypoint contract: the command lines the Airbyte platform runs, against the built connector", async () => {
  const out = await Deno.makeTempDir({ prefix: "spout_docker_out_" });
  const api = await startSampleApi();
  try {
    const stage = await runBuildStage({ CONNECTOR_MANIFEST: "connectors/shop-manifest/manifest.yaml" }, out);
    strictEqual(stage.code, 0, stage.stderr);
    // The image's /airbyte/connector is the build stage's /out/connector; run it from the image's WORKDIR
    // (an empty dir) with the platform's files mounted elsewhere (here: a temp dir standing for /secrets).
    const entrypoints: Array<{ name: string; command: string[] }> = [
      { name: "binary path", command: [`${out}/connector`] },
    ];
    if (await hasNode()) {
      entrypoints.push({ name: "node", command: [...NODE.command, `${out}/connector.js`] });
    }
    const secrets = await workDir({
      "config.json": { api_url: api.url, api_token: "sample-token", page_size: 5 },
      "bad_config.json": { api_url: api.url, api_token: "not-the-token" },
      "catalog.json": catalogOf({ customers: "full_refresh", orders: "incremental" }),
      "state.json": [],
    });
    const workdir = await workDir({});
    const TYPES = new Set([
      "SPEC",
      "CONNECTION_STATUS",
      "CATALOG",
      "RECORD",
      "STATE",
      "LOG",
      "TRACE",
      "CONTROL",
    ]);
    const invoke = async (entry: string[], args: string[]): Promise<ProcessRun> => {
      const run = await runProcess(
        [...entry, ...args.map((a) => a.replace("/secrets/", `${secrets}/`))],
        workdir,
      );
      for (const m of run.messages) ok(TYPES.has(m.type), `stdout carries only Airbyte messages: ${m.type}`);
      return run;
    };
    try {
      for (const { name, command } of entrypoints) {
        const spec = await invoke(command, ["spec"]);
        strictEqual(spec.code, 0, spec.stderr);
        deepStrictEqual(spec.messages.filter((m) => m.type !== "LOG").map((m) => m.type), ["SPEC"], name);

        const check = await invoke(command, ["check", "--config", "/secrets/config.json"]);
        strictEqual(check.code, 0, check.stderr);
        strictEqual(check.messages.at(-1).connectionStatus.status, "SUCCEEDED", name);
        const bad = await invoke(command, ["check", "--config", "/secrets/bad_config.json"]);
        strictEqual(bad.code, 0, "a failed check is a CONNECTION_STATUS, not a crash");
        strictEqual(bad.messages.at(-1).connectionStatus.status, "FAILED");
        ok(!bad.stdout.includes("not-the-token"), "secrets are masked");

        const discover = await invoke(command, ["discover", "--config", "/secrets/config.json"]);
        strictEqual(discover.code, 0, discover.stderr);
        const streams = discover.messages.find((m) => m.type === "CATALOG").catalog.streams.map((
          s: { name: string },
        ) => s.name);
        ok(streams.includes("customers") && streams.includes("orders"), streams.join());

        const read = await invoke(command, [
          "read",
          "--config",
          "/secrets/config.json",
          "--catalog",
          "/secrets/catalog.json",
          "--state",
          "/secrets/state.json",
        ]);
        strictEqual(read.code, 0, read.stderr);
        const records = read.messages.filter((m) => m.type === "RECORD");
        strictEqual(records.filter((m) => m.record.stream === "customers").length, 12, name);
        strictEqual(records.filter((m) => m.record.stream === "orders").length, 10, name);
        ok(
          read.messages.some((m) => m.type === "STATE" && m.state.stream.stream_descriptor.name === "orders"),
        );

        const denied = await invoke(command, [
          "read",
          "--config",
          "/secrets/bad_config.json",
          "--catalog",
          "/secrets/catalog.json",
        ]);
        strictEqual(denied.code, 1, "a failed read exits 1");
        ok(
          denied.messages.some((m) => m.type === "TRACE" && m.trace.type === "ERROR"),
          "after a TRACE ERROR",
        );
      }
    } finally {
      await Deno.remove(secrets, { recursive: true });
      await Deno.remove(workdir, { recursive: true });
    }
  } finally {
    await api.close();
    await Deno.remove(out, { recursive: true });
  }
});
