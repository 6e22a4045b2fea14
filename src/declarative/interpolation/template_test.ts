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
