import { strictEqual } from "node:assert/strict";
import { PyDate } from "./datetime.ts";
import { formatStrftime } from "./strftime.ts";
import { dtOf, GOLDEN } from "./testdata/golden.ts";

Deno.test("strftime: golden table from CPython 3.11 / glibc (every corpus directive, flags, unknowns)", () => {
  const failures: string[] = [];
  for (const row of GOLDEN.strftime) {
    const dt = dtOf(row.dt, row.tzname);
    const got = formatStrftime(dt, row.format);
    if (got !== row.out) {
      failures.push(
        `${dt.isoformat()} ${JSON.stringify(row.format)}: ${JSON.stringify(got)} != ${
          JSON.stringify(row.out)
        }`,
      );
    }
  }
  strictEqual(failures.join("\n"), "");
});

Deno.test("strftime: date.strftime renders midnight and no zone", () => {
  const failures: string[] = [];
  for (const row of GOLDEN.date_strftime) {
    const d = PyDate.fromParts(row.date[0], row.date[1], row.date[2]);
    const got = d.strftime(row.format);
    if (got !== row.out) {
      failures.push(
        `${d} ${JSON.stringify(row.format)}: ${JSON.stringify(got)} != ${JSON.stringify(row.out)}`,
      );
    }
  }
  strictEqual(failures.join("\n"), "");
});
