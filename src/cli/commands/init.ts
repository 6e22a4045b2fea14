/**
 * `spout init NAME [--manifest | --code] [--dir connectors] [--force]`: scaffolds a connector folder with a
 * manifest (or TypeScript source + spec), README, a fixture-based test with recorded fixtures, and prints how
 * to run it.
 * @module
 */
import { mkdir, stat, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { planScaffold } from "../../dx/scaffold.ts";
import type { CliIO } from "../io.ts";

const INIT_HELP = `Usage: spout init NAME [--manifest | --code] [--dir connectors] [--force]

Creates DIR/NAME/ with a low-code manifest (default) or a TypeScript code connector, a README, a test that
replays recorded HTTP fixtures, and the fixtures themselves (what the bundled sample API answers).
`;

/** Where spout's root is, as an import prefix seen from `target` (relative inside the repo, else a file URL). */
export function spoutImportPrefix(target: string, root: URL = new URL("../../../", import.meta.url)): string {
  if (root.protocol !== "file:") return "jsr:@spout/spout";
  const rootPath = fileURLToPath(root);
  const full = resolve(target);
  const fromRoot = relative(rootPath, full);
  if (fromRoot === "") return ".";
  if (!fromRoot.startsWith("..") && !isAbsolute(fromRoot)) {
    return relative(full, rootPath).replaceAll("\\", "/");
  }
  return root.href.replace(/\/$/, "");
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Runs `spout init`; resolves to the exit code (0 ok, 1 target exists / write failed, 2 usage). */
export async function runInitCommand(argv: string[], io: CliIO): Promise<number> {
  const encoder = new TextEncoder();
  const say = (sink: CliIO["stderr"], text: string) => Promise.resolve(sink(encoder.encode(text)));
  let values: { manifest?: boolean; code?: boolean; dir?: string; force?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        manifest: { type: "boolean" },
        code: { type: "boolean" },
        dir: { type: "string" },
        force: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    await say(io.stderr, `spout: ${error instanceof Error ? error.message : error}\n\n${INIT_HELP}`);
    return 2;
  }
  if (values.help) {
    await say(io.stdout, INIT_HELP);
    return 0;
  }
  if (positionals.length !== 1 || (values.manifest && values.code)) {
    await say(io.stderr, `spout: init needs one NAME and at most one of --manifest / --code\n\n${INIT_HELP}`);
    return 2;
  }
  const name = positionals[0];
  const parent = (values.dir ?? "connectors").replace(/\/+$/, "") || ".";
  const dir = `${parent}/${name}`;
  const flavour = values.code ? "code" : "manifest";
  let files: Record<string, string>;
  try {
    files = planScaffold(name, { flavour, dir, spout: spoutImportPrefix(dir) });
  } catch (error) {
    await say(io.stderr, `spout: ${error instanceof Error ? error.message : error}\n`);
    return 2;
  }
  if (!values.force && await exists(dir)) {
    await say(io.stderr, `spout: ${dir} already exists: choose another name or pass --force to overwrite\n`);
    return 1;
  }
  try {
    for (const [path, content] of Object.entries(files)) {
      const full = `${dir}/${path}`;
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, content, "utf8");
    }
  } catch (error) {
    await say(io.stderr, `spout: cannot write ${dir}: ${error instanceof Error ? error.message : error}\n`);
    return 1;
  }
  const cli = flavour === "code" ? `deno run -A ${dir}/main.ts` : "spout";
  const source = flavour === "code" ? `--connector ${name}` : `--manifest ${dir}/manifest.yaml`;
  const lines = [
    `Created ${dir}/ (${flavour === "code" ? "TypeScript code connector" : "low-code manifest"}):`,
    ...Object.keys(files).sort().map((path) => `  ${path}`),
    "",
    "Next:",
    `  deno test -A ${dir}                 # passes now: replays ${dir}/fixtures`,
    `  ${cli} test-read ${source} --config config.json --infer`,
    `  ${cli} sync ${source} --config config.json --dest sqlite:./data/${name}.db`,
    `See ${dir}/README.md.`,
    "",
  ];
  await say(io.stdout, lines.join("\n"));
  return 0;
}
