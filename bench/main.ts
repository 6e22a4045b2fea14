/**
 * `deno task bench`: spout against the bare floor, in one run, on a loopback API served by another process.
 *
 * Scenarios (each contender is its own `deno run` subprocess; stdout is a pipe the harness counts):
 * - throughput: floor / code connector / declarative manifest at 100 and 1000 records per page;
 * - partitions: 8 list partitions, 50 ms server latency, sequential vs concurrent (manifest and code);
 * - memory: 1 M records through the manifest (and the code connector), RSS at 250k / 500k / 1M;
 * - spec: `deno run cli.ts spec` cold start (median).
 *
 * Read time runs from the server's first request of the run to the end of the contender's stdout (process
 * start-up is reported separately as "wall" and by the spec scenario).
 *
 * Flags: `--quick` (tiny sizes, one repetition: the smoke test), `--repeats N`, `--records N`,
 * `--only throughput,partitions,memory,spec`, `--python` (adds Airbyte's Python CDK to the throughput
 * scenario: see bench/python_cdk_compare.sh), `--json` (print the report as JSON too).
 * @module
 */
import { parseArgs } from "node:util";
import {
  type BenchServer,
  DENO,
  median,
  repoPath,
  runContender,
  type RunResult,
  startServer,
} from "./harness.ts";
import { type BenchReport, formatReport, type Row } from "./report.ts";
import { BINARY_V8_FLAGS } from "../scripts/build.ts";

export type { BenchReport, Row } from "./report.ts";
export { formatReport } from "./report.ts";

/** A program reading the bench API. */
export type Contender = "floor" | "code" | "manifest" | "python";

/** Options of {@link runBench}. */
export interface BenchOptions {
  /** Tiny sizes, one repetition. */
  quick?: boolean;
  /** Repetitions per throughput contender (best kept; default 3, quick 1). */
  repeats?: number;
  /** Records per throughput run (default 100k, quick 2000). */
  records?: number;
  /** Scenarios to run (default all). */
  only?: string[];
  /** Add the Python CDK to the throughput scenario. */
  python?: boolean;
  /** Python CDK launcher (default /work/.venv-cdk/bin/source-declarative-manifest). */
  pythonCommand?: string;
  /** Progress lines (default: to stderr). */
  progress?: (line: string) => void;
}

const MANIFEST = repoPath("bench/bench_manifest.yaml");
const CLI = repoPath("cli.ts");
const CODE = repoPath("bench/code_connector.ts");
const FLOOR = repoPath("bench/floor.ts");

interface RunSpec {
  contender: Contender;
  stream: "items" | "items_partitioned";
  total: number;
  pageSize: number;
  latencyMs?: number;
  concurrency?: number;
  rssMarks?: number[];
}

let runCounter = 0;

async function runOne(
  server: BenchServer,
  dir: string,
  spec: RunSpec,
  options: BenchOptions,
): Promise<RunResult & { readMs: number }> {
  const run = `r${Date.now().toString(36)}${runCounter++}`;
  const config = {
    api_url: server.url,
    total: spec.total,
    page_size: spec.pageSize,
    latency_ms: spec.latencyMs ?? 0,
    run,
    concurrency: spec.concurrency ?? 1,
  };
  const catalog = {
    streams: [{
      stream: { name: spec.stream, json_schema: {}, supported_sync_modes: ["full_refresh"] },
      sync_mode: "full_refresh",
      destination_sync_mode: "append",
    }],
  };
  const configPath = `${dir}/${run}_config.json`;
  const catalogPath = `${dir}/${run}_catalog.json`;
  await Deno.writeTextFile(catalogPath, JSON.stringify(catalog));
  const read = ["read", "--config", configPath, "--catalog", catalogPath];
  let result: RunResult;
  if (spec.contender === "python") {
    const { parseDocument } = await import("../src/_deps/yaml.ts");
    const manifest = parseDocument(await Deno.readTextFile(MANIFEST)).toJS();
    await Deno.writeTextFile(
      configPath,
      JSON.stringify({ ...config, __injected_declarative_manifest: manifest }),
    );
    result = await runContender({
      command: options.pythonCommand ?? "/work/.venv-cdk/bin/source-declarative-manifest",
      args: read,
      rssMarks: spec.rssMarks,
    });
  } else {
    await Deno.writeTextFile(configPath, JSON.stringify(config));
    const args = spec.contender === "floor"
      ? [FLOOR, server.url, String(spec.total), String(spec.pageSize), run, String(spec.latencyMs ?? 0)]
      : spec.contender === "code"
      ? [CODE, ...read, "--connector", "bench"]
      : [CLI, ...read, "--manifest", MANIFEST];
    // spout runs with the V8 flags its compiled binaries carry (scripts/build.ts); the floor is a bare loop.
    const flags = spec.contender === "floor" ? [] : [`--v8-flags=${BINARY_V8_FLAGS}`];
    result = await runContender({
      args: ["run", "-A", "--no-check", ...flags, ...args],
      rssMarks: spec.rssMarks,
    });
  }
  const stats = await server.stats(run);
  const readMs = stats ? result.ended - stats.first : result.ended - result.started;
  const expected = spec.stream === "items" ? spec.total : spec.total * 8;
  if (result.code !== 0 || result.output.records !== expected) {
    throw new Error(
      `${spec.contender} (${spec.stream}, ${spec.total} records, ${spec.pageSize}/page) exited ${result.code} ` +
        `with ${result.output.records} records (expected ${expected}):\n${result.stderr}`,
    );
  }
  return { ...result, readMs };
}

/** CPU spent after the first output: the read without process start-up (module loading, manifest parsing). */
function readCpu(r: RunResult): number {
  return r.cpuMs - r.cpuAtFirstOutputMs;
}

function row(
  scenario: string,
  contender: string,
  r: RunResult & { readMs: number },
  floorMs?: number,
  floorCpuMs?: number,
): Row {
  const seconds = r.readMs / 1000;
  return {
    scenario,
    contender,
    records: r.output.records,
    readMs: r.readMs,
    wallMs: r.ended - r.started,
    recordsPerSec: r.output.records / seconds,
    mbPerSec: r.output.bytes / 1e6 / seconds,
    peakRssMb: r.peakRssKb / 1024,
    cpuMs: r.cpuMs,
    ratio: floorMs === undefined ? undefined : floorMs / r.readMs,
    readCpuMs: readCpu(r),
    cpuRatio: floorCpuMs === undefined || readCpu(r) === 0 ? undefined : floorCpuMs / readCpu(r),
  };
}

async function throughput(
  server: BenchServer,
  dir: string,
  o: BenchOptions,
  report: BenchReport,
): Promise<void> {
  const total = o.records ?? (o.quick ? 2000 : 100_000);
  const repeats = o.repeats ?? (o.quick ? 1 : 3);
  const contenders: Contender[] = ["floor", "code", "manifest"];
  if (o.python) contenders.push("python");
  for (const pageSize of [100, 1000]) {
    await server.warm(total, pageSize);
    const best = new Map<Contender, RunResult & { readMs: number }>();
    for (let rep = 0; rep < repeats; rep++) {
      // rotate the order so no contender always runs first (or right after another)
      const order = contenders.map((_, i) => contenders[(i + rep) % contenders.length]);
      for (const contender of order) {
        if (contender === "python" && rep > 0) continue; // slow: one run is enough
        const r = await runOne(server, dir, { contender, stream: "items", total, pageSize }, o);
        o.progress?.(
          `  ${pageSize}/page ${contender}: ${Math.round(r.output.records / (r.readMs / 1000))} rec/s`,
        );
        const previous = best.get(contender);
        if (!previous || r.readMs < previous.readMs) best.set(contender, r);
      }
    }
    const floorMs = best.get("floor")!.readMs;
    const floorCpu = readCpu(best.get("floor")!);
    for (const contender of contenders) {
      report.rows.push(
        row(`${total} rec, ${pageSize}/page`, contender, best.get(contender)!, floorMs, floorCpu),
      );
    }
    const manifest = best.get("manifest")!;
    report.floorRatio[pageSize] = floorMs / manifest.readMs;
    report.codeRatio[pageSize] = floorMs / best.get("code")!.readMs;
    report.floorCpuRatio[pageSize] = floorCpu / readCpu(manifest);
    if (o.python) report.pythonRatio[pageSize] = best.get("python")!.readMs / manifest.readMs;
  }
}

async function partitions(
  server: BenchServer,
  dir: string,
  o: BenchOptions,
  report: BenchReport,
): Promise<void> {
  const perPartition = o.quick ? 200 : 1000;
  const latencyMs = o.quick ? 20 : 50;
  const base = { stream: "items_partitioned" as const, total: perPartition, pageSize: 100, latencyMs };
  const scenario = `8 partitions × ${perPartition}, ${latencyMs} ms/response`;
  for (const contender of ["manifest", "code"] as const) {
    const seq = await runOne(server, dir, { ...base, contender, concurrency: 1 }, o);
    const conc = await runOne(server, dir, { ...base, contender, concurrency: 8 }, o);
    report.rows.push(row(scenario, `${contender} concurrency 1`, seq));
    report.rows.push(row(scenario, `${contender} concurrency 8`, conc, seq.readMs));
    report.concurrencyRatio[contender] = seq.readMs / conc.readMs;
    o.progress?.(`  partitions ${contender}: ×${(seq.readMs / conc.readMs).toFixed(2)}`);
  }
}

async function memory(server: BenchServer, dir: string, o: BenchOptions, report: BenchReport): Promise<void> {
  const total = o.quick ? 8000 : 1_000_000;
  const marks = [total / 4, total / 2, total];
  for (const contender of ["floor", "manifest", "code"] as const) {
    const r = await runOne(server, dir, {
      contender,
      stream: "items",
      total,
      pageSize: 1000,
      rssMarks: marks,
    }, o);
    report.rows.push(row(`${total} rec, 1000/page`, contender, r));
    report.memory[contender] = {
      peakMb: r.peakRssKb / 1024,
      at: marks.map((m) => [m, (r.rssAt[m] ?? 0) / 1024]),
    };
    o.progress?.(`  memory ${contender}: peak ${(r.peakRssKb / 1024).toFixed(1)} MB`);
  }
}

async function specColdStart(o: BenchOptions, report: BenchReport): Promise<void> {
  const runs = o.quick ? 1 : 7;
  const measure = async (args: string[]) => {
    const times: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const started = performance.now();
      const out = await new Deno.Command(DENO, {
        args: ["run", "-A", "--no-check", CLI, ...args],
        stdout: "piped",
        stderr: "piped",
      })
        .output();
      const ms = performance.now() - started;
      if (!out.success) throw new Error(`spec failed: ${new TextDecoder().decode(out.stderr)}`);
      if (i > 0) times.push(ms); // the first run warms the module cache
    }
    return median(times);
  };
  report.specMs = {
    plain: await measure(["spec"]),
    manifest: await measure(["spec", "--manifest", MANIFEST]),
  };
}

/**
 * Runs the bench and returns its report.
 *
 * @example
 * ```ts ignore
 * import { formatReport, runBench } from "./main.ts";
 * console.log(formatReport(await runBench({ quick: true })));
 * ```
 */
export async function runBench(options: BenchOptions = {}): Promise<BenchReport> {
  const only = new Set(options.only ?? ["throughput", "partitions", "memory", "spec"]);
  const report: BenchReport = {
    quick: options.quick === true,
    rows: [],
    floorRatio: {},
    floorCpuRatio: {},
    codeRatio: {},
    pythonRatio: {},
    concurrencyRatio: {},
    memory: {},
  };
  const dir = await Deno.makeTempDir({ prefix: "spout_bench_" });
  const server = await startServer();
  try {
    if (only.has("throughput")) await throughput(server, dir, options, report);
    if (only.has("partitions")) await partitions(server, dir, options, report);
    if (only.has("memory")) await memory(server, dir, options, report);
    if (only.has("spec")) await specColdStart(options, report);
  } finally {
    await server.close();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
  return report;
}

if (import.meta.main) {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      quick: { type: "boolean" },
      python: { type: "boolean" },
      json: { type: "boolean" },
      repeats: { type: "string" },
      records: { type: "string" },
      only: { type: "string" },
      "python-command": { type: "string" },
    },
  });
  const report = await runBench({
    quick: values.quick,
    python: values.python,
    repeats: values.repeats === undefined ? undefined : Number(values.repeats),
    records: values.records === undefined ? undefined : Number(values.records),
    only: values.only?.split(","),
    pythonCommand: values["python-command"],
    progress: (line) => console.error(line),
  });
  console.log(formatReport(report));
  if (values.json) console.log(JSON.stringify(report));
}
