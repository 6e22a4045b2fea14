/**
 * Shared by the dist_* tests: builds bundles once into a temp dir and runs them as real processes under
 * `deno run` and `node` from a directory that holds nothing but the files a command needs.
 * @module
 */
import { build } from "../scripts/build.ts";

/** A JavaScript runtime able to run a bundle. */
export interface Runtime {
  /** `deno` or `node`. */
  name: string;
  /** The command line before the bundle's path. */
  command: string[];
}

/** Deno (this process's executable). */
export const DENO: Runtime = { name: "deno", command: [Deno.execPath(), "run", "-A"] };
/** Node (from PATH; `NODE` overrides). */
export const NODE: Runtime = { name: "node", command: [Deno.env.get("NODE") ?? "node"] };

/** What a process printed. */
export interface ProcessRun {
  code: number;
  stdout: string;
  stderr: string;
  // deno-lint-ignore no-explicit-any
  messages: any[];
  ms: number;
}

/** Runs `command` in `cwd` with a deadline; parses stdout as JSON lines. */
export async function runProcess(command: string[], cwd: string, timeoutMs = 30_000): Promise<ProcessRun> {
  const started = performance.now();
  const output = await new Deno.Command(command[0], {
    args: command.slice(1),
    cwd,
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
    signal: AbortSignal.timeout(timeoutMs),
    env: { NO_COLOR: "1" },
  }).output();
  const ms = performance.now() - started;
  const decoder = new TextDecoder();
  const stdout = decoder.decode(output.stdout);
  const stderr = decoder.decode(output.stderr);
  const messages = stdout.split("\n").filter((line) => line.trim() !== "").map((line) => {
    try {
      return JSON.parse(line);
    } catch {
      throw new Error(`non-JSON line on stdout of ${command.join(" ")}: ${line}\nstderr: ${stderr}`);
    }
  });
  return { code: output.code, stdout, stderr, messages, ms };
}

/** True when `node --version` runs. */
export async function hasNode(): Promise<boolean> {
  try {
    const output = await new Deno.Command(NODE.command[0], {
      args: ["--version"],
      stdout: "null",
      stderr: "null",
    })
      .output();
    return output.code === 0;
  } catch {
    return false;
  }
}

const built = new Map<string, Promise<string>>();
let outDir: Promise<string> | undefined;

/**
 * Bundles a connector once per test process (into a temp dir holding only bundles) and returns the bundle's
 * path: `"spout"` for the generic CLI, `"code:NAME"` for a connector of connectors/mod.ts, or
 * `"manifest:PATH"` (relative to the repository root) for a manifest.
 */
export function bundled(what: string): Promise<string> {
  outDir ??= Deno.makeTempDir({ prefix: "spout_dist_" });
  let promise = built.get(what);
  if (!promise) {
    promise = (async () => {
      const dir = await outDir!;
      const name = what.replace(/[^a-z0-9]+/gi, "_");
      const root = new URL("../", import.meta.url).pathname;
      const source = what === "spout"
        ? { kind: "cli" as const }
        : what.startsWith("code:")
        ? { kind: "connector" as const, connector: what.slice(5) }
        : { kind: "manifest" as const, manifest: root + what.slice(9) };
      const result = await build({ source, out: `${dir}/${name}`, compile: false });
      // Only the bundle stays beside other bundles: the entry module is not needed to run it.
      if (result.entry) await Deno.remove(result.entry);
      return result.bundle!;
    })();
    built.set(what, promise);
  }
  return promise;
}

/** Removes the bundles' temp dir. */
export async function cleanBundles(): Promise<void> {
  if (outDir) await Deno.remove(await outDir, { recursive: true }).catch(() => {});
  outDir = undefined;
  built.clear();
}

/** A temp dir holding exactly `files` (JSON-encoded unless strings). */
export async function workDir(files: Record<string, unknown>): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "spout_run_" });
  for (const [path, content] of Object.entries(files)) {
    const full = `${dir}/${path}`;
    await Deno.mkdir(full.slice(0, full.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(full, typeof content === "string" ? content : JSON.stringify(content));
  }
  return dir;
}

/** A configured catalog reading `streams` (name → sync mode). */
export function catalogOf(streams: Record<string, "full_refresh" | "incremental">): unknown {
  return {
    streams: Object.entries(streams).map(([name, syncMode]) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh", "incremental"] },
      sync_mode: syncMode,
      destination_sync_mode: "append",
    })),
  };
}
