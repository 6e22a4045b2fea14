/**
 * Keeps the bench harness from rotting: a tiny run of every scenario (real subprocesses, real server) whose
 * record counts, rows and report are checked. Timings are never asserted.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { formatReport, runBench } from "../bench/main.ts";
import { OutputCounter } from "../bench/harness.ts";
import { pageBody, recordJson } from "../bench/records.ts";

Deno.test("bench output counter counts RECORD lines across arbitrary chunk boundaries", () => {
  const text = '{"type":"LOG","log":{}}\n{"type":"RECORD","record":{"data":{}}}\n{}\n' +
    '{"type":"RECORD","record":{}}\n{"type":"STATE"}\n';
  const bytes = new TextEncoder().encode(text);
  for (const size of [1, 2, 3, 7, 16, 17, bytes.length]) {
    const counter = new OutputCounter();
    for (let i = 0; i < bytes.length; i += size) counter.push(bytes.subarray(i, i + size));
    deepStrictEqual(
      { lines: counter.lines, records: counter.records, bytes: counter.bytes },
      { lines: 5, records: 2, bytes: bytes.length },
      `chunk size ${size}`,
    );
  }
});

Deno.test("bench pages hold the requested records and point to the next offset", () => {
  const page = JSON.parse(pageBody(100, 100, 250, "p1"));
  strictEqual(page.data.length, 100);
  strictEqual(page.data[0].id, 100);
  strictEqual(page.data[0].part, "p1");
  strictEqual(page.next, 200);
  strictEqual(JSON.parse(pageBody(200, 100, 250, "")).next, null);
  const size = recordJson(99_999, "").length;
  ok(size > 200 && size < 320, `record size ${size}`);
});

Deno.test("bench --quick runs every scenario with every contender and reads every record", async () => {
  const report = await runBench({ quick: true, records: 600 });
  const byScenario = new Map<string, string[]>();
  for (const row of report.rows) {
    byScenario.set(row.scenario, [...(byScenario.get(row.scenario) ?? []), row.contender]);
    ok(row.readMs > 0 && row.recordsPerSec > 0 && row.peakRssMb > 0, JSON.stringify(row));
  }
  deepStrictEqual(byScenario.get("600 rec, 100/page"), ["floor", "code", "manifest"]);
  deepStrictEqual(byScenario.get("600 rec, 1000/page"), ["floor", "code", "manifest"]);
  const partitions = [...byScenario.entries()].find(([s]) => s.startsWith("8 partitions"));
  deepStrictEqual(partitions?.[1], [
    "manifest concurrency 1",
    "manifest concurrency 8",
    "code concurrency 1",
    "code concurrency 8",
  ]);
  for (const row of report.rows) {
    if (row.scenario.startsWith("600 rec")) strictEqual(row.records, 600);
    if (row.scenario.startsWith("8 partitions")) strictEqual(row.records, 8 * 200);
  }
  deepStrictEqual(Object.keys(report.floorRatio), ["100", "1000"]);
  deepStrictEqual(Object.keys(report.concurrencyRatio), ["manifest", "code"]);
  deepStrictEqual(Object.keys(report.memory), ["floor", "manifest", "code"]);
  deepStrictEqual(report.memory.manifest.at.map(([n]) => n), [2000, 4000, 8000]);
  ok(report.memory.manifest.at.every(([, mb]) => mb > 0));
  ok(report.specMs && report.specMs.plain > 0 && report.specMs.manifest > 0);
  const text = formatReport(report);
  ok(text.includes("Summary (quick run"), text);
  ok(text.includes("code concurrency 8"), text);
});
