import { ok, strictEqual } from "node:assert/strict";
import { formatReport, formatTable } from "./report_format.ts";
import type { TestReadReport } from "./test_read.ts";

Deno.test("formatTable truncates cells, flattens whitespace, renders nested values as JSON, caps columns", () => {
  const table = formatTable([{ a: "x\ny", b: { c: 1 }, c: 1, d: 2 }], { cellWidth: 6, maxColumns: 3 });
  strictEqual(
    table,
    'a   | b      | c\n----+--------+--\nx y | {"c":… | 1\n(1 more column: d)\n',
  );
  strictEqual(formatTable([]), "(no records)\n");
});

Deno.test("formatReport shows status, errors, decisions, state and suggestions per stream", () => {
  const report: TestReadReport = {
    errors: ["global problem"],
    streams: [{
      name: "users",
      recordCount: 12,
      records: [{ id: 1 }],
      exchanges: [{
        method: "GET",
        url: "http://x/u",
        status: 500,
        ms: 3,
        requestHeaders: {},
        responseHeaders: {},
      }],
      pages: [],
      decisions: ["page 1: 1 records"],
      status: "INCOMPLETE",
      error: "server error",
      state: { c: 1 },
    }],
  };
  const text = formatReport(report);
  ok(text.startsWith("== users: 12 records, 0 pages, FAILED: server error"), text);
  ok(text.includes("(11 more records not shown)"));
  ok(text.includes("GET http://x/u -> 500 (3 ms)"));
  ok(text.includes("    - page 1: 1 records"));
  ok(text.includes('final state: {"c":1}'));
  ok(text.endsWith("error: global problem\n"));
});
