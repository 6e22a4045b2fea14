/**
 * The `spout` command: `spout spec|check|discover|read|validate …` (see `spout --help`).
 * Runs under Deno and Node (only `node:` built-ins are used here).
 * @module
 */
import process from "node:process";
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

/** Runs the CLI on the real process: signals abort the read, the exit code is the process's. */
export async function run(argv: string[] = process.argv.slice(2)): Promise<number> {
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
    return await main(argv, nodeIO({ signal: controller.signal, loadConnectors }));
  } finally {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
  }
}

if (import.meta.main) {
  const code = await run();
  process.exitCode = code;
}
