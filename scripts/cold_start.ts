/**
 * `deno run -A scripts/cold_start.ts [--runs N] [--minify]`: bundles the generic CLI and every connector
 * into a temp dir, then times `spec` (a new process each time, from an empty directory) under `deno run -A`
 * and `node`, printing size, minimum and median per bundle. Figures depend on the machine and its load.
 * @module
 */
import { parseArgs } from "node:util";
import { bundleAll } from "./bundle.ts";

async function time(command: string[], cwd: string): Promise<number> {
  const started = performance.now();
  const output = await new Deno.Command(command[0], {
    args: command.slice(1),
    cwd,
    stdout: "null",
    stderr: "null",
  }).output();
  if (output.code !== 0) throw new Error(`${command.join(" ")} exited ${output.code}`);
  return performance.now() - started;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: { runs: { type: "string", default: "7" }, minify: { type: "boolean" } },
  });
  const runs = Math.max(1, Number(values.runs));
  const out = await Deno.makeTempDir({ prefix: "spout_cold_" });
  const cwd = await Deno.makeTempDir({ prefix: "spout_cold_cwd_" });
  try {
    const bundles = await bundleAll(out, values.minify === true);
    const runtimes: Array<[string, string[]]> = [["deno", [Deno.execPath(), "run", "-A"]], ["node", [
      "node",
    ]]];
    console.log(`| bundle | size | runtime | spec min | spec median |\n|---|---|---|---|---|`);
    for (const bundle of bundles) {
      for (const [name, prefix] of runtimes) {
        await time([...prefix, bundle.file, "spec"], cwd); // warm the OS file cache
        const times: number[] = [];
        for (let i = 0; i < runs; i++) times.push(await time([...prefix, bundle.file, "spec"], cwd));
        times.sort((a, b) => a - b);
        console.log(
          `| ${bundle.name} | ${(bundle.bytes / 1e6).toFixed(2)} MB | ${name} | ${times[0].toFixed(0)} ms | ${
            times[Math.floor(times.length / 2)].toFixed(0)
          } ms |`,
        );
      }
    }
  } finally {
    await Deno.remove(out, { recursive: true });
    await Deno.remove(cwd, { recursive: true });
  }
}
