/**
 * `deno task bundle [-- --out-dir DIR] [--minify]`: writes `DIR/spout.js` (the generic CLI) and one JavaScript
 * file per connector in connectors/ — code connectors of connectors/mod.ts as `DIR/<name>.js`, manifests
 * `connectors/<folder>/manifest.yaml` as `DIR/<folder>.js` (`DIR/<folder>-manifest.js` when a code connector
 * has the same name). Each file runs under `deno run -A FILE` and `node FILE` with nothing beside it.
 * @module
 */
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { build, ROOT } from "./build.ts";

/** One bundle written by {@link bundleAll}. */
export interface BundleOutput {
  /** Connector name (`spout` for the generic CLI). */
  name: string;
  /** What it embeds. */
  kind: "cli" | "code" | "manifest";
  /** Path of the JavaScript file. */
  file: string;
  /** Its size in bytes. */
  bytes: number;
}

/** The connectors to bundle: code connectors by registry name, then manifests by folder name. */
export async function connectorTargets(): Promise<
  Array<{ name: string; kind: "code" | "manifest"; path: string }>
> {
  const { connectors } = await import("../connectors/mod.ts");
  const targets: Array<{ name: string; kind: "code" | "manifest"; path: string }> = Object.keys(connectors)
    .sort().map((name) => ({ name, kind: "code", path: name }));
  const folders = [...Deno.readDirSync(`${ROOT}/connectors`)].filter((e) => e.isDirectory).map((e) => e.name)
    .sort();
  for (const folder of folders) {
    const manifest = `${ROOT}/connectors/${folder}/manifest.yaml`;
    if (!existsSync(manifest)) continue;
    const name = Object.hasOwn(connectors, folder) ? `${folder}-manifest` : folder;
    targets.push({ name, kind: "manifest", path: manifest });
  }
  return targets;
}

/** Bundles the generic CLI and every connector into `outDir`. */
export async function bundleAll(outDir: string, minify = false): Promise<BundleOutput[]> {
  const dir = resolve(outDir);
  const outputs: BundleOutput[] = [];
  const cli = await build({ source: { kind: "cli" }, out: `${dir}/spout`, compile: false, minify });
  outputs.push({ name: "spout", kind: "cli", file: cli.bundle!, bytes: cli.bundleBytes! });
  for (const target of await connectorTargets()) {
    const result = await build({
      source: target.kind === "code"
        ? { kind: "connector", connector: target.path }
        : { kind: "manifest", manifest: target.path },
      out: `${dir}/${target.name}`,
      name: target.name,
      compile: false,
      minify,
    });
    outputs.push({ name: target.name, kind: target.kind, file: result.bundle!, bytes: result.bundleBytes! });
  }
  return outputs;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args[0] === "--" ? Deno.args.slice(1) : Deno.args,
    options: { "out-dir": { type: "string", default: "dist" }, minify: { type: "boolean" } },
  });
  for (const output of await bundleAll(values["out-dir"], values.minify === true)) {
    console.error(
      `${output.kind.padEnd(8)} ${relative(Deno.cwd(), output.file).padEnd(36)} ${
        (output.bytes / 1e6).toFixed(2)
      } MB`,
    );
  }
}
