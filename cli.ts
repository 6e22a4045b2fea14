/**
 * The `spout` command: `spout spec|check|discover|read|validate …` (see `spout --help`).
 * Runs under Deno and Node (only `node:` built-ins are used here).
 * @module
 */
import { realpathSync } from "node:fs";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { main } from "./src/cli/main.ts";
import { nodeIO } from "./src/cli/io.ts";
import type { ConnectorRegistry } from "./src/cli/io.ts";

export { main };
export type { CliIO } from "./src/cli/io.ts";

async function loadConnectors(): Promise<ConnectorRegistry> {
  try {
    // Loaded on demand: only `--connector` needs the example connectors.
    const module = await import("./connectors/mod.ts") as { connectors?: ConnectorRegistry };
    return module.connectors ?? {};
  } catch {
    return {};
  }
}

/** Options for {@link run}. */
export interface RunOptions {
  /** Replaces the built-in connector registry (used by tests and embedders). */
  loadConnectors?: () => Promise<ConnectorRegistry>;
}

/**
 * Runs the CLI on the real process: SIGINT/SIGTERM abort the read (a second signal exits at once with 130);
 * resolves to the exit code.
 */
export async function run(argv: string[] = process.argv.slice(2), options: RunOptions = {}): Promise<number> {
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (name: string) => () => {
    signals++;
    if (signals > 1) process.exit(130);
    controller.abort(new Error(`received ${name}`));
  };
  const onInt = onSignal("SIGINT");
  const onTerm = onSignal("SIGTERM");
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  try {
    const io = nodeIO({
      signal: controller.signal,
      loadConnectors: options.loadConnectors ?? loadConnectors,
    });
    return await main(argv, io);
  } finally {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
  }
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
