/**
 * Builds programs with one connector built in (`deno task build -- …`):
 *
 * ```sh
 * deno task build -- --manifest connectors/shop-manifest/manifest.yaml --out dist/shop   # manifest
 * deno task build -- --connector example-shop --out dist/example-shop                    # code connector
 * deno task build -- --module path/to/source.ts --export MySource --out dist/my-source   # a Source class
 * deno task build -- --module path/to/mod.ts --factory createSource --out dist/my-source  # or a factory
 * ```
 *
 * Each writes a generated entry `<out>.entry.ts` (the manifest parsed to JSON as a constant, its
 * `schemas/*.json` files and its custom components — `--components PATH`, or a `components.ts` beside the
 * manifest — or an import of the code connector), bundles it into `<out>.js` (runs under
 * `deno run` and `node`, no node_modules needed) and `deno compile`s it into the binary `<out>`
 * (`--no-compile` skips that; `--no-bundle` skips the bundle; `--target T` cross-compiles). `--cli` compiles
 * the generic `spout` command from cli.ts instead. `deno compile` downloads its runtime (denort) on first
 * use: without network access it fails, which this script reports as {@link CompileUnavailableError}.
 * @module
 */
import { existsSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadManifest } from "../src/declarative/load_manifest.ts";
import { createDeclarativeSource } from "../src/declarative/manifest_source.ts";

/** The repository root (where deno.json is). */
export const ROOT: string = resolve(dirname(new URL(import.meta.url).pathname), "..");

/** What to build into the program. */
export type BuildSource =
  | { kind: "manifest"; manifest: string; components?: string }
  | { kind: "connector"; connector: string }
  | { kind: "module"; module: string; exportName: string; factory?: boolean }
  | { kind: "cli" };

/** Options of {@link build}. */
export interface BuildOptions {
  /** What to build in. */
  source: BuildSource;
  /** Output path without extension (binary `<out>`, bundle `<out>.js`, entry `<out>.entry.ts`). */
  out: string;
  /** Connector name (default: the manifest's folder name, the connector name or the module's file name). */
  name?: string;
  /** Write `<out>.js` (default true). */
  bundle?: boolean;
  /** Write the binary `<out>` with `deno compile` (default true). */
  compile?: boolean;
  /** `deno compile --target` (e.g. `aarch64-unknown-linux-gnu`). */
  target?: string;
  /** Minify the bundle (default false). */
  minify?: boolean;
  /** Type-check before compiling (default true; `--no-check` skips it). */
  check?: boolean;
}

/** What {@link build} wrote. */
export interface BuildResult {
  /** The generated entry module (absent for `--cli`). */
  entry?: string;
  /** The bundle, when built. */
  bundle?: string;
  /** The bundle's size in bytes. */
  bundleBytes?: number;
  /** The binary, when compiled. */
  binary?: string;
  /** The exact `deno compile` command line, run from the repository root (also when it could not run). */
  compileCommand: string[];
  /** Set when `deno compile` could not download its runtime (the bundle was still written). */
  compileUnavailable?: CompileUnavailableError;
}

/** `deno compile` could not fetch its runtime (no network): the bundle exists, the binary does not. */
export class CompileUnavailableError extends Error {
  /** The command that failed. */
  readonly command: string[];
  constructor(command: string[], detail: string) {
    super(
      "deno compile could not download its runtime (denort) — this machine has no access to dl.deno.land. " +
        "Run the same command where the network is reachable (or set DENORT_BIN to a local denort binary " +
        `of the same Deno version): ${command.join(" ")}\n${detail}`,
    );
    this.name = "CompileUnavailableError";
    this.command = command;
  }
}

const decoder = new TextDecoder();

function importPath(fromFile: string, target: string): string {
  const rel = relative(dirname(fromFile), target).replaceAll("\\", "/");
  return JSON.stringify(rel.startsWith(".") ? rel : `./${rel}`);
}

async function schemaFiles(dir: string, prefix = "schemas"): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(`${dir}/${prefix}`)];
  } catch {
    return files;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = `${prefix}/${entry.name}`;
    if (entry.isDirectory) Object.assign(files, await schemaFiles(dir, path));
    else if (entry.isFile && entry.name.endsWith(".json")) {
      files[path] = await Deno.readTextFile(`${dir}/${path}`);
    }
  }
  return files;
}

/** True when JSON round-trips `value` unchanged (no Infinity, NaN, undefined, -0 …). */
function jsonSafe(value: unknown): boolean {
  const same = (a: unknown, b: unknown): boolean => {
    if (typeof a === "number") return Object.is(a, b);
    if (Array.isArray(a)) {
      return Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
    }
    if (a !== null && typeof a === "object") {
      if (b === null || typeof b !== "object" || Array.isArray(b)) return false;
      const ka = Object.keys(a);
      return ka.length === Object.keys(b).length &&
        ka.every((k) =>
          Object.hasOwn(b, k) && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])
        );
    }
    return a === b;
  };
  return same(value, JSON.parse(JSON.stringify(value)));
}

/** Generates the entry module's text for a manifest connector (validated by building its source). */
export async function manifestEntry(
  entryPath: string,
  manifestPath: string,
  name: string,
  componentsPath?: string,
): Promise<string> {
  const text = await Deno.readTextFile(manifestPath);
  const fileName = manifestPath.split("/").pop() ?? "manifest.yaml";
  const value = loadManifest(text, { path: fileName }).value;
  const components = componentsPath ? { ...(await import(resolve(componentsPath))) } : undefined;
  // Fails the build (not the first run) on a manifest the engine rejects.
  const source = await createDeclarativeSource(text, { path: fileName, components });
  await source.spec();
  const files = await schemaFiles(dirname(manifestPath));
  const manifestField = jsonSafe(value)
    ? `manifest: JSON.parse(${JSON.stringify(JSON.stringify(value))}),`
    : `manifestText: ${JSON.stringify(text)},`;
  return [
    `// Generated by scripts/build.ts from ${relative(ROOT, resolve(manifestPath))} — do not edit.`,
    `import process from "node:process";`,
    `import { runEmbedded } from ${importPath(entryPath, `${ROOT}/src/cli/embedded.ts`)};`,
    componentsPath ? `import * as components from ${importPath(entryPath, resolve(componentsPath))};` : "",
    "",
    "process.exit(",
    "  await runEmbedded({",
    `    kind: "manifest",`,
    `    name: ${JSON.stringify(name)},`,
    `    path: ${JSON.stringify(fileName)},`,
    `    ${manifestField}`,
    `    files: ${JSON.stringify(files)},`,
    componentsPath ? "    components: { ...components }," : "",
    "  }),",
    ");",
    "",
  ].filter((line, i, all) => line !== "" || all[i - 1] !== "").join("\n");
}

/**
 * Generates the entry module's text for a code connector exported by `modulePath`: a Source class with a
 * constructor without arguments, or (`factory`) a function returning a Source.
 */
export function codeEntry(
  entryPath: string,
  modulePath: string,
  exportName: string,
  name: string,
  factory = false,
): string {
  return [
    `// Generated by scripts/build.ts from ${relative(ROOT, resolve(modulePath))} — do not edit.`,
    `import process from "node:process";`,
    `import { runEmbedded } from ${importPath(entryPath, `${ROOT}/src/cli/embedded.ts`)};`,
    `import { ${exportName} as Connector } from ${importPath(entryPath, resolve(modulePath))};`,
    "",
    "process.exit(",
    "  await runEmbedded({",
    `    kind: "code",`,
    `    name: ${JSON.stringify(name)},`,
    `    create: () => ${factory ? "Connector()" : "new Connector()"},`,
    "  }),",
    ");",
    "",
  ].join("\n");
}

/** Generates the entry module's text for a connector of the registry in connectors/mod.ts. */
export function registryEntry(entryPath: string, connector: string): string {
  return [
    `// Generated by scripts/build.ts for connectors/mod.ts "${connector}" — do not edit.`,
    `import process from "node:process";`,
    `import { runEmbedded } from ${importPath(entryPath, `${ROOT}/src/cli/embedded.ts`)};`,
    `import { connectors } from ${importPath(entryPath, `${ROOT}/connectors/mod.ts`)};`,
    "",
    `const name = ${JSON.stringify(connector)};`,
    'process.exit(await runEmbedded({ kind: "code", name, create: () => connectors[name]() }));',
    "",
  ].join("\n");
}

async function deno(args: string[]): Promise<{ code: number; stderr: string }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: ROOT,
    stdout: "inherit",
    stderr: "piped",
  })
    .output();
  return { code: output.code, stderr: decoder.decode(output.stderr) };
}

/** Bundles `entry` into one JavaScript file (npm packages inlined; `node:` built-ins stay imports). */
export async function bundle(entry: string, output: string, minify = false): Promise<number> {
  const args = ["bundle", "--quiet", "--platform=deno", "--packages=bundle", "-o", output, entry];
  if (minify) args.splice(1, 0, "--minify");
  const { code, stderr } = await deno(args);
  if (code !== 0) throw new Error(`deno bundle failed (${code}):\n${stderr}`);
  return (await Deno.stat(output)).size;
}

/**
 * V8 flags built into every binary: a small young generation and a tighter old-generation growth factor keep a
 * long read's RSS flat (1M records: ~125 MB instead of ~200 MB; live heap stays ~13 MB — see bench/README.md).
 */
export const BINARY_V8_FLAGS = "--max-semi-space-size=4,--heap-growing-percent=100";

/** The `deno compile` command line for `entry` (paths relative to the repository root, where it runs). */
export function compileCommand(entry: string, output: string, target?: string, check = true): string[] {
  const args = ["deno", "compile", "-A", `--v8-flags=${BINARY_V8_FLAGS}`, "--output", relative(ROOT, output)];
  if (!check) args.push("--no-check");
  if (target) args.push("--target", target);
  args.push(relative(ROOT, entry));
  return args;
}

/** True when `deno compile`'s stderr says it could not download its runtime (denort). */
export function isRuntimeDownloadFailure(stderr: string): boolean {
  return /denort|dl\.deno\.land/.test(stderr) &&
    /error sending request|dns error|connect|timed out|certificate/i.test(stderr);
}

/** Runs `deno compile`; throws {@link CompileUnavailableError} when its runtime cannot be downloaded. */
export async function compile(command: string[]): Promise<void> {
  const { code, stderr } = await deno(command.slice(1));
  if (code === 0) return;
  if (isRuntimeDownloadFailure(stderr)) {
    const detail = stderr.split("\n").find((line) => /error sending request/.test(line))?.trim() ?? "";
    throw new CompileUnavailableError(command, detail);
  }
  throw new Error(`deno compile failed (${code}):\n${stderr}`);
}

/** Builds the entry, bundle and binary described by `options`. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const out = resolve(options.out);
  await Deno.mkdir(dirname(out), { recursive: true });
  const { source } = options;
  if (source.kind === "cli") {
    const result: BuildResult = {
      compileCommand: compileCommand(`${ROOT}/cli.ts`, out, options.target, options.check),
    };
    if (options.bundle !== false) {
      result.bundle = `${out}.js`;
      result.bundleBytes = await bundle(`${ROOT}/cli.ts`, result.bundle, options.minify);
    }
    return await compileInto(result, out, options);
  }
  const entry = `${out}.entry.ts`;
  let text: string;
  if (source.kind === "manifest") {
    const parts = resolve(source.manifest).split("/");
    const stem = parts.at(-1)!.replace(/\.ya?ml$/, "");
    const name = options.name ?? (stem === "manifest" ? parts.at(-2) ?? "connector" : stem);
    // Airbyte's convention: components next to the manifest (components.py there, components.ts here).
    const beside = `${dirname(resolve(source.manifest))}/components.ts`;
    const components = source.components ?? (existsSync(beside) ? beside : undefined);
    text = await manifestEntry(entry, source.manifest, name, components);
  } else if (source.kind === "connector") {
    const { connectors } = await import("../connectors/mod.ts");
    if (!Object.hasOwn(connectors, source.connector)) {
      throw new Error(
        `unknown connector "${source.connector}" (connectors/mod.ts has: ${Object.keys(connectors)})`,
      );
    }
    text = registryEntry(entry, source.connector);
  } else {
    const parts = resolve(source.module).split("/");
    const file = parts.at(-1)!.replace(/\.[jt]s$/, "");
    const name = options.name ?? (file === "source" || file === "mod" ? parts.at(-2)! : file);
    text = codeEntry(entry, source.module, source.exportName, name, source.factory);
  }
  await Deno.writeTextFile(entry, text);
  const result: BuildResult = {
    entry,
    compileCommand: compileCommand(entry, out, options.target, options.check),
  };
  if (options.bundle !== false) {
    result.bundle = `${out}.js`;
    result.bundleBytes = await bundle(entry, result.bundle, options.minify);
  }
  return await compileInto(result, out, options);
}

async function compileInto(result: BuildResult, out: string, options: BuildOptions): Promise<BuildResult> {
  if (options.compile === false) return result;
  try {
    await compile(result.compileCommand);
    result.binary = out;
  } catch (error) {
    if (!(error instanceof CompileUnavailableError)) throw error;
    result.compileUnavailable = error;
  }
  return result;
}

const USAGE = `usage: deno task build -- (--manifest PATH [--components PATH] | --connector NAME |
                         --module PATH (--export CLASS | --factory FUNCTION) | --cli) --out PATH
                         [--name NAME] [--no-bundle] [--no-compile] [--no-check] [--target TRIPLE] [--minify]`;

/** Parses the command line of this script. */
export function parseBuildArgs(argv: string[]): BuildOptions {
  const { values } = parseArgs({
    // `deno task build -- --manifest …` passes the `--` through.
    args: argv[0] === "--" ? argv.slice(1) : argv,
    options: {
      manifest: { type: "string" },
      components: { type: "string" },
      connector: { type: "string" },
      module: { type: "string" },
      export: { type: "string" },
      factory: { type: "string" },
      cli: { type: "boolean" },
      out: { type: "string" },
      name: { type: "string" },
      "no-bundle": { type: "boolean" },
      "no-compile": { type: "boolean" },
      "no-check": { type: "boolean" },
      target: { type: "string" },
      minify: { type: "boolean" },
    },
  });
  if (values.export !== undefined && values.factory !== undefined) throw new Error(USAGE);
  const chosen = [values.manifest, values.connector, values.module, values.cli || undefined].filter((v) =>
    v !== undefined
  );
  if (chosen.length !== 1 || values.out === undefined) throw new Error(USAGE);
  let source: BuildSource;
  if (values.manifest !== undefined) {
    source = { kind: "manifest", manifest: values.manifest, components: values.components };
  } else if (values.connector !== undefined) source = { kind: "connector", connector: values.connector };
  else if (values.module !== undefined) {
    const factory = values.factory !== undefined;
    source = {
      kind: "module",
      module: values.module,
      exportName: values.factory ?? values.export ?? "default",
      factory,
    };
  } else source = { kind: "cli" };
  return {
    source,
    out: values.out,
    name: values.name,
    bundle: !values["no-bundle"],
    compile: !values["no-compile"],
    target: values.target,
    minify: values.minify === true,
    check: !values["no-check"],
  };
}

if (import.meta.main) {
  let options: BuildOptions;
  try {
    options = parseBuildArgs(Deno.args);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    Deno.exit(2);
  }
  try {
    const result = await build(options);
    if (result.entry) console.error(`entry   ${relative(Deno.cwd(), result.entry)}`);
    if (result.bundle) {
      console.error(
        `bundle  ${relative(Deno.cwd(), result.bundle)} (${(result.bundleBytes! / 1e6).toFixed(2)} MB)`,
      );
    }
    if (result.binary) console.error(`binary  ${relative(Deno.cwd(), result.binary)}`);
    if (result.compileUnavailable) {
      console.error(`binary  NOT BUILT: ${result.compileUnavailable.message}`);
      Deno.exit(3);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    Deno.exit(1);
  }
}
