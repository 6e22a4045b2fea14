import { strictEqual } from "node:assert/strict";
import { compileTemplate } from "./template.ts";

const now = () => Date.UTC(2024, 0, 31, 23, 30, 0);
const vars = { config: {} };

function render(src: string): string {
  return compileTemplate(src).render(vars, { now, uuid: () => "u-1" });
}

Deno.test("macros use the injected clock and uuid", () => {
  strictEqual(render("{{ now_utc() }}"), "2024-01-31 23:30:00+00:00");
  strictEqual(render("{{ today_utc() }}"), "2024-01-31");
  strictEqual(render("{{ today_with_timezone('Pacific/Tarawa') }}"), "2024-02-01");
  strictEqual(render("{{ day_delta(1, format='%Y-%m-%d') }}"), "2024-02-01");
  strictEqual(render("{{ (now_utc() + duration('P1M')).strftime('%Y-%m-%d') }}"), "2024-02-29");
  strictEqual(render("{{ generate_uuid() }}"), "u-1");
});

Deno.test("format_datetime, timestamp and str_to_datetime", () => {
  strictEqual(
    render("{{ format_datetime('2024-01-01T00:00:00+02:00', '%Y-%m-%dT%H:%M:%SZ') }}"),
    "2023-12-31T22:00:00Z",
  );
  strictEqual(render("{{ format_datetime(1704067200, '%Y-%m-%d') }}"), "2024-01-01");
  strictEqual(render("{{ format_datetime('2024-01-01', '%ms') }}"), "1704067200000");
  strictEqual(render("{{ timestamp('2024-01-01') }} {{ timestamp(5.9) }}"), "1704067200.0 5");
  strictEqual(render("{{ str_to_datetime('2024-01-01').isoformat() }}"), "2024-01-01T00:00:00+00:00");
  strictEqual(
    render("{{ sanitize_url('a b/c') }} {{ camel_case_to_snake_case('HelloWorld') }}"),
    "a+b%2Fc hello_world",
  );
});
