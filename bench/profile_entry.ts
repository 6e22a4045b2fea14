/**
 * Profiling entry (not part of the bench run): the CLI without `process.exit`, so `--cpu-prof` sees the
 * whole read. `deno run -A --cpu-prof bench/profile_entry.ts read --manifest … | …`
 * @module
 */
import { run } from "../src/cli/run.ts";
import { BenchSource } from "./code_connector.ts";

await run(Deno.args, { loadConnectors: () => Promise.resolve({ bench: () => new BenchSource() }) });
