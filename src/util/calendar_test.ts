import { strictEqual } from "node:assert/strict";
import cal from "./testdata/calendar_golden.json" with { type: "json" };
import { civilFromDays, daysFromCivil, isLeapYear } from "./calendar.ts";
import { PyDateTime } from "./datetime.ts";
import { strptime } from "./strptime.ts";

// 400 datetimes over years 1..9999 (60 around year ends), formatted and re-parsed by CPython 3.11.
const rows = cal.rows as [number, number, string, [string, string][]][];

Deno.test("calendar: strftime of week numbers, ISO weeks, day of year, epoch over years 1..9999", () => {
  const failures: string[] = [];
  for (const [wall, micro, expected] of rows) {
    const got = PyDateTime.fromWall(wall, micro, null).strftime(cal.format);
    if (got !== expected) failures.push(`${wall}: ${got} != ${expected}`);
  }
  strictEqual(failures.join("\n"), "");
});

Deno.test("calendar: strptime of %j, %G-W%V-%u, %U/%W with weekday, 12-hour clock", () => {
  const formats = ["%Y %j", "%G-W%V-%u", "%Y %U %w", "%Y %W %a", "%d %B %Y %I:%M:%S.%f %p"];
  const failures: string[] = [];
  for (const [, , , back] of rows) {
    back.forEach(([text, expected], i) => {
      let got: string;
      try {
        got = strptime(text, formats[i]).isoformat();
      } catch {
        got = "error";
      }
      if (got !== expected) failures.push(`${text} (${formats[i]}): ${got} != ${expected}`);
    });
  }
  strictEqual(failures.join("\n"), "");
});

Deno.test("calendar: civil <-> day count round-trips and leap years", () => {
  for (let d = daysFromCivil(1, 1, 1); d <= daysFromCivil(9999, 12, 31); d += 997) {
    const [y, m, day] = civilFromDays(d);
    strictEqual(daysFromCivil(y, m, day), d);
  }
  strictEqual(isLeapYear(1900), false);
  strictEqual(isLeapYear(2000), true);
  strictEqual(isLeapYear(2024), true);
});
