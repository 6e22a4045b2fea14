/**
 * The bench report: rows of measurements, the ratios the targets are stated in, and its text table.
 * @module
 */

/** One measured run. */
export interface Row {
  /** Scenario label. */
  scenario: string;
  /** Contender label. */
  contender: string;
  /** RECORD lines written. */
  records: number;
  /** Read time: server's first request to the end of stdout (ms). */
  readMs: number;
  /** Spawn to the end of stdout (ms), start-up included. */
  wallMs: number;
  /** Records per second of read time. */
  recordsPerSec: number;
  /** Megabytes (10^6) of stdout per second of read time. */
  mbPerSec: number;
  /** Peak RSS (MiB). */
  peakRssMb: number;
  /** CPU time of the contender (ms). */
  cpuMs: number;
  /** CPU time after its first output, i.e. without start-up (ms). */
  readCpuMs?: number;
  /** Throughput relative to the row's reference (floor, or the sequential run). */
  ratio?: number;
  /** Floor read CPU time / this row's read CPU time (throughput rows; start-up excluded). */
  cpuRatio?: number;
}

/** Everything `runBench` measured. */
export interface BenchReport {
  /** True for `--quick` (numbers meaningless). */
  quick: boolean;
  /** Measured rows. */
  rows: Row[];
  /** Declarative read time ratio to the floor, by page size (floor time / manifest time). */
  floorRatio: Record<number, number>;
  /** Floor CPU time / declarative CPU time, by page size (robust when the machine is busy). */
  floorCpuRatio: Record<number, number>;
  /** Code connector ratio to the floor, by page size. */
  codeRatio: Record<number, number>;
  /** Python CDK time / spout manifest time, by page size (only with --python). */
  pythonRatio: Record<number, number>;
  /** Sequential time / concurrent time, by contender. */
  concurrencyRatio: Record<string, number>;
  /** Peak RSS and RSS at record marks (MiB), by contender. */
  memory: Record<string, { peakMb: number; at: [number, number][] }>;
  /** `spec` cold start (median ms): without and with `--manifest`. */
  specMs?: { plain: number; manifest: number };
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function count(n: number): string {
  return n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}M` : n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

/**
 * Formats the report as a table plus a one-line summary with the targets of issue 5.
 *
 * @example
 * ```ts
 * import { formatReport } from "./report.ts";
 * const text = formatReport({
 *   quick: true,
 *   rows: [{ scenario: "s", contender: "floor", records: 10, readMs: 10, wallMs: 20, recordsPerSec: 1000,
 *     mbPerSec: 1, peakRssMb: 50, cpuMs: 5, ratio: 1 }],
 *   floorRatio: { 100: 0.9 },
 *   floorCpuRatio: { 100: 0.7 }, codeRatio: {}, pythonRatio: {}, concurrencyRatio: {}, memory: {},
 * });
 * if (!text.includes("floor") || !text.includes("0.90")) throw new Error(text);
 * ```
 */
export function formatReport(report: BenchReport): string {
  const header = [
    "scenario",
    "contender",
    "records",
    "read s",
    "wall s",
    "rec/s",
    "MB/s",
    "peak RSS MB",
    "CPU s (read)",
    "ratio",
    "CPU ratio",
  ];
  const table = report.rows.map((r) => [
    r.scenario,
    r.contender,
    fmt(r.records),
    fmt(r.readMs / 1000, 3),
    fmt(r.wallMs / 1000, 3),
    fmt(r.recordsPerSec),
    fmt(r.mbPerSec, 1),
    fmt(r.peakRssMb, 1),
    `${fmt(r.cpuMs / 1000, 2)} (${fmt((r.readCpuMs ?? r.cpuMs) / 1000, 2)})`,
    r.ratio === undefined ? "" : `${r.ratio.toFixed(2)}×`,
    r.cpuRatio === undefined ? "" : `${r.cpuRatio.toFixed(2)}×`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((cells) => cells[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  const out = [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...table.map(line)];
  const parts: string[] = [];
  const ratios = Object.entries(report.floorRatio);
  if (ratios.length > 0) {
    parts.push(
      `declarative ${ratios.map(([, r]) => `${r.toFixed(2)}×`).join(" / ")} floor at ${
        ratios.map(([page]) => page).join(" / ")
      } rec/page (target ≥ 0.80; by CPU time ${
        Object.values(report.floorCpuRatio).map((r) => `${r.toFixed(2)}×`).join(" / ")
      })`,
    );
  }
  const code = Object.entries(report.codeRatio);
  if (code.length > 0) parts.push(`code ${code.map(([, r]) => `${r.toFixed(2)}×`).join(" / ")} floor`);
  const conc = Object.entries(report.concurrencyRatio);
  if (conc.length > 0) {
    parts.push(
      `8 partitions concurrent ${
        conc.map(([c, r]) => `${c} ${r.toFixed(1)}×`).join(", ")
      } sequential (target ≥ 6)`,
    );
  }
  for (const [contender, m] of Object.entries(report.memory)) {
    parts.push(
      `${contender} RSS ${m.at.map(([n, mb]) => `${count(n)}: ${mb.toFixed(0)}`).join(", ")} MB, peak ${
        m.peakMb.toFixed(0)
      } MB (target < 150)`,
    );
  }
  if (report.specMs) {
    parts.push(
      `spec cold start ${report.specMs.plain.toFixed(0)} ms (with --manifest ${
        report.specMs.manifest.toFixed(0)
      } ms; target < 150)`,
    );
  }
  const py = Object.entries(report.pythonRatio);
  if (py.length > 0) {
    parts.push(
      `Python CDK: spout manifest ${
        py.map(([page, r]) => `${r.toFixed(1)}× at ${page}/page`).join(", ")
      } faster`,
    );
  }
  out.push("", `Summary${report.quick ? " (quick run: numbers not meaningful)" : ""}: ${parts.join("; ")}.`);
  return out.join("\n");
}
