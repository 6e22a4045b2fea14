/**
 * The `spout` command: `spout spec|check|discover|read|validate …` (see `spout --help`).
 * Runs under Deno and Node (only `node:` built-ins are used here).
 * @module
 */
import { realpathSync } from "node:fs";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { main } from "./src/cli/main.ts";
import type { ConnectorRegistry } from "./src/cli/io.ts";
import { run as runProcess } from "./src/cli/run.ts";
import type { RunOptions } from "./src/cli/run.ts";

export { main };
export type { CliIO } from "./src/cli/io.ts";
export type { RunOptions } from "./src/cli/run.ts";

async function loadConnectors(): Promise<ConnectorRegistry> {
  try {
    // Loaded on demand: only `--connector` needs the example connectors.
    const module = await import("./connectors/mod.ts") as { connectors?: ConnectorRegistry };
    return module.connectors ?? {};
  } catch {
    return {};
  }
}

/**
 * Runs the CLI on the real process (see {@link runProcess}) with the built-in example connectors available
 * to `--connector NAME`; resolves to the exit code.
 *
 * @example
 * ```ts ignore
 * import process from "node:process";
 * import { run } from "./cli.ts";
 * process.exit(await run(["spec"]));
 * ```
 */
export function run(argv: string[] = process.argv.slice(2), options: RunOptions = {}): Promise<number> {
  return runProcess(argv, { ...options, loadConnectors: options.loadConnectors ?? loadConnectors });
}

/** True when this module is the program's entry (Deno, Node ≥ 24: `import.meta.main`; older Node: argv). */
function isEntry(): boolean {
  const meta = import.meta as ImportMeta & { main?: boolean };
  if (typeof meta.main === "boolean") return meta.main;
  const entry = process.argv[1];
  if (!entry || !import.meta.url.startsWith("file:")) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntry()) {
  // Exit explicitly: every message has been written (main awaits the sink), and a dangling keep-alive
  // socket or timer must not keep a finished connector alive.
  process.exit(await run());
}
