import { strictEqual } from "node:assert/strict";
import { SpoutError } from "../errors.ts";
import { isoparse, strToDatetime } from "./isoparse.ts";
import { encode, GOLDEN } from "./testdata/golden.ts";
import type { PyDateTime } from "./datetime.ts";

function run(fn: () => PyDateTime): string {
  try {
    return JSON.stringify(encode(fn()));
  } catch (error) {
    if (!(error instanceof SpoutError) || error.code !== "datetime_error") throw error;
    return "error";
  }
}

Deno.test("isoparse / str_to_datetime: golden table from dateutil + Airbyte macros", () => {
  const failures: string[] = [];
  for (const row of GOLDEN.isoparse) {
    const r = row as Record<string, unknown>;
    const expIso = "isoparse" in r ? JSON.stringify(r.isoparse) : "error";
    const expStr = "str_to_datetime" in r ? JSON.stringify(r.str_to_datetime) : "error";
    const gotIso = run(() => isoparse(row.text));
    const gotStr = run(() => strToDatetime(row.text));
    if (gotIso !== expIso) failures.push(`isoparse(${JSON.stringify(row.text)}): ${gotIso} != ${expIso}`);
    if (gotStr !== expStr) {
      failures.push(`str_to_datetime(${JSON.stringify(row.text)}): ${gotStr} != ${expStr}`);
    }
  }
  strictEqual(failures.join("\n"), "");
});
