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
 * Runs the CLI on the real process: SIGINT/SIGTERM abort the read (a second signal exits at once with 130),
 * so does an unhandled rejection or exception (exit 1); resolves to the exit code.
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
  // A failure outside the read's promise chain (a stray rejected promise or a throwing timer) must not kill
  // the process mid-write: abort the read instead (it flushes, reports, and exits 1).
  let crashed = false;
  const onCrash = (error: unknown) => {
    crashed = true;
    const message = error instanceof Error ? error.message : String(error);
    controller.abort(new Error(`unexpected error outside the read: ${message}`));
  };
  process.on("SIGINT", onInt);
  process.on("SIGTERM", onTerm);
  process.on("unhandledRejection", onCrash);
  process.on("uncaughtException", onCrash);
  try {
    const io = nodeIO({
      signal: controller.signal,
      loadConnectors: options.loadConnectors ?? loadConnectors,
    });
    const code = await main(argv, io);
    if (crashed && code === 0) {
      // The command had already finished: report without details (they were never masked).
      const trace = {
        type: "TRACE",
        trace: {
          type: "ERROR",
          emitted_at: Date.now(),
          error: {
            message: "An unexpected internal error happened; see the logs.",
            failure_type: "system_error",
          },
        },
      };
      await new Promise<void>((resolve) =>
        process.stdout.write(JSON.stringify(trace) + "\n", () => resolve())
      );
      return 1;
    }
    return code;
  } finally {
    process.off("SIGINT", onInt);
    process.off("SIGTERM", onTerm);
    process.off("unhandledRejection", onCrash);
    process.off("uncaughtException", onCrash);
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
