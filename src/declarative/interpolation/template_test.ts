import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { SpoutError } from "../../errors.ts";
import { compileTemplate } from "./template.ts";

const vars = { config: { start_date: "2024-01-01", n: 5, nested: { a: [1, 2] } }, parameters: {} };

Deno.test("evaluate literal-evaluates the output like JinjaInterpolation", () => {
  strictEqual(compileTemplate("{{ config.n }}").evaluate(vars), 5);
  strictEqual(compileTemplate("{{ config.n / 1 }}").render(vars), "5.0");
  deepStrictEqual(compileTemplate("{{ config.nested }}").evaluate(vars), { a: [1, 2] });
  strictEqual(compileTemplate("{{ config.start_date }}").evaluate(vars), "2024-01-01");
  strictEqual(compileTemplate("{{ 'True' }}").evaluate(vars), true);
});

Deno.test("empty output and undefined errors fall back to the default", () => {
  strictEqual(compileTemplate("{{ config.missing }}").evaluate(vars), null);
  strictEqual(compileTemplate("{{ config.missing.x }}").evaluate(vars, { default: "7" }), 7);
});

Deno.test("undeclared variables and stream_state are errors", () => {
  throws(
    () => compileTemplate("{{ foo }}").evaluate(vars),
    (e: unknown) => e instanceof SpoutError && e.code === "template_error",
  );
  throws(
    () => compileTemplate("{{ stream_state.x }}").evaluate(vars),
    (e: unknown) => e instanceof SpoutError && e.code === "config_error",
  );
});

Deno.test("syntax errors are template_error naming the location", () => {
  throws(
    () => compileTemplate("{{ config['a']) }}", { location: "manifest.yaml:3:5" }),
    (e: unknown) =>
      e instanceof SpoutError && e.code === "template_error" && e.message.includes("manifest.yaml:3:5"),
  );
});

Deno.test("variables lists what Jinja's find_undeclared_variables reports (names first set inside an if count)", () => {
  const cases: [string, string[]][] = [
    ["{% set x = 1 %}{{ x + y | int }}", ["y"]],
    ["{% if a %}{% set y = 1 %}{% endif %}", ["a", "y"]],
    ["{% set y = 0 %}{% if a %}{% set y = 1 %}{% endif %}{{ y }}", ["a"]],
    ["{% for i in l %}{% set z = i %}{% endfor %}{{ z }}", ["l", "z"]],
    ["{% for i in l %}{{ loop.index }}{% else %}{{ i }}{% endfor %}", ["i", "l"]],
    ["{{ now_utc() }}{{ self.name }}{{ namespace(a=1).a }}", []],
  ];
  for (const [src, names] of cases) deepStrictEqual([...compileTemplate(src).variables].sort(), names, src);
  // and evaluate() rejects them like the reference does when the context lacks them
  throws(
    () => compileTemplate("{% if config.a %}{% set y = 1 %}{% endif %}{{ config.a }}").evaluate(vars),
    (e: unknown) => e instanceof SpoutError && e.message.includes("undeclared variables: y"),
  );
});
