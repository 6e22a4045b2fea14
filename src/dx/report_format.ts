/**
 * Human formatting of a test read: record tables with truncated cells, the request log, decisions, state and
 * the inference suggestions.
 * @module
 */
import type { Exchange } from "../http/logging.ts";
import type { RecordData } from "../types.ts";
import type { StreamReport, TestReadReport } from "./test_read.ts";
import { toYaml } from "./yaml_snippet.ts";

/** Options of {@link formatTable}. */
export interface TableOptions {
  /** Widest cell (default 24 characters). */
  cellWidth?: number;
  /** Most columns shown (default 8; the rest are counted). */
  maxColumns?: number;
}

function cell(value: unknown, width: number): string {
  let text = value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value) ?? "";
  text = text.replace(/\s+/g, " ");
  return text.length > width ? text.slice(0, width - 1) + "…" : text;
}

/**
 * Renders records as a plain-text table (columns from the keys in first-seen order, cells truncated with `…`).
 *
 * @example
 * ```ts
 * import { formatTable } from "./report_format.ts";
 * const table = formatTable([{ id: 1, name: "a very long name indeed" }, { id: 2 }], { cellWidth: 8 });
 * if (table !== "id | name\n---+---------\n1  | a very …\n2  |\n") throw new Error(JSON.stringify(table));
 * ```
 */
export function formatTable(records: RecordData[], options: TableOptions = {}): string {
  const width = options.cellWidth ?? 24;
  const maxColumns = options.maxColumns ?? 8;
  const keys: string[] = [];
  for (const record of records) {
    for (const key of Object.keys(record)) if (!keys.includes(key)) keys.push(key);
  }
  if (keys.length === 0) return records.length === 0 ? "(no records)\n" : "(records have no fields)\n";
  const shown = keys.slice(0, maxColumns);
  const rows = records.map((record) => shown.map((key) => cell(record[key], width)));
  const header = shown.map((key) => cell(key, width));
  const widths = shown.map((_, i) => Math.max(header[i].length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(" | ").trimEnd();
  const out = [line(header), widths.map((w) => "-".repeat(w)).join("-+-"), ...rows.map(line)];
  const hidden = keys.length - shown.length;
  if (hidden > 0) {
    out.push(`(${hidden} more column${hidden === 1 ? "" : "s"}: ${keys.slice(maxColumns).join(", ")})`);
  }
  return out.join("\n") + "\n";
}

/**
 * Renders the request/response log: one line per exchange, headers indented below.
 *
 * @example
 * ```ts
 * import { formatExchanges } from "./report_format.ts";
 * const text = formatExchanges([{ method: "GET", url: "http://x/a", status: 200, ms: 12,
 *   requestHeaders: { authorization: "****" }, responseHeaders: {} }], true);
 * if (!text.startsWith("GET http://x/a -> 200 (12 ms)") || !text.includes("> authorization: ****")) throw new Error(text);
 * ```
 */
export function formatExchanges(exchanges: Exchange[], headers = true): string {
  const lines: string[] = [];
  for (const e of exchanges) {
    lines.push(`${e.method} ${e.url} -> ${e.status === 0 ? "no response" : e.status} (${e.ms} ms)`);
    if (!headers) continue;
    for (const [name, value] of Object.entries(e.requestHeaders)) lines.push(`    > ${name}: ${value}`);
    for (const [name, value] of Object.entries(e.responseHeaders)) lines.push(`    < ${name}: ${value}`);
  }
  return lines.length === 0 ? "(no requests)\n" : lines.join("\n") + "\n";
}

function indent(text: string, by = "  "): string {
  return text.split("\n").map((line) => (line === "" ? line : by + line)).join("\n");
}

function formatStream(stream: StreamReport, options: { headers: boolean; sample: number }): string {
  const parts: string[] = [];
  const status = stream.error ? `FAILED: ${stream.error}` : stream.status;
  parts.push(`== ${stream.name}: ${stream.recordCount} records, ${stream.pages.length} pages, ${status}`);
  parts.push("");
  parts.push(indent(formatTable(stream.records.slice(0, options.sample))));
  if (stream.recordCount > stream.records.length) {
    parts.push(`  (${stream.recordCount - stream.records.length} more records not shown)\n`);
  }
  parts.push("  requests:");
  parts.push(indent(formatExchanges(stream.exchanges, options.headers), "    "));
  if (stream.decisions.length > 0) {
    parts.push("  decisions:");
    parts.push(stream.decisions.map((d) => `    - ${d}`).join("\n") + "\n");
  }
  parts.push(`  final state: ${stream.state === undefined ? "(none)" : JSON.stringify(stream.state)}\n`);
  if (stream.recordPath) {
    parts.push(`  suggested record selector (${stream.recordPath.count} records at that path):`);
    parts.push(indent(stream.recordPath.yaml, "    "));
  }
  if (stream.paginators && stream.paginators.length > 0) {
    parts.push("  suggested paginator" + (stream.paginators.length > 1 ? "s (best first)" : "") + ":");
    for (const g of stream.paginators) {
      parts.push(`    # ${g.reason}`);
      parts.push(indent(g.yaml, "    "));
    }
  }
  if (stream.schema) {
    parts.push("  inferred schema (InlineSchemaLoader):");
    parts.push(
      indent(toYaml({ schema_loader: { type: "InlineSchemaLoader", schema: stream.schema } }), "    "),
    );
  }
  return parts.join("\n");
}

/** Renders a whole test read for a terminal. */
export function formatReport(
  report: TestReadReport,
  options: { headers?: boolean; sample?: number } = {},
): string {
  const sections = report.streams.map((s) =>
    formatStream(s, { headers: options.headers ?? true, sample: options.sample ?? 10 })
  );
  if (report.errors.length > 0) sections.push(report.errors.map((e) => `error: ${e}`).join("\n") + "\n");
  return sections.join("\n");
}
