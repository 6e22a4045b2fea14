import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { SpoutError } from "../../errors.ts";
import { compileTemplate, literalResult, TemplateContext, type ValidType } from "./template.ts";
import { literalEval } from "./literal_eval.ts";

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

Deno.test("a TemplateContext is shared by evaluations and only set() changes it", () => {
  const headers = new Headers({ "X-Next": "abc" });
  const ctx = new TemplateContext(
    { config: { min: 2 }, parameters: { p: 1 } },
    { stream_slice: { id: 9 }, headers, record: undefined, parameters: { p: 2 } },
  );
  // later layers win, undefined is None, Headers read case-insensitively, aliases of stream_slice exist
  strictEqual(compileTemplate("{{ parameters.p }}").evaluate(ctx), 2);
  strictEqual(compileTemplate("{{ record is none }}").evaluate(ctx), true);
  strictEqual(compileTemplate("{{ headers['x-next'] }}").render(ctx), "abc");
  strictEqual(compileTemplate("{{ stream_partition.id + stream_interval.id }}").evaluate(ctx), 18);
  const keep = compileTemplate("{{ record.n >= config.min }}");
  deepStrictEqual([1, 2, 3].map((n) => keep.evaluate(ctx.set("record", { n }))), [false, true, true]);
  throws(() => ctx.set("stream_slice", {}), TypeError);
  // an undefined later value hides an earlier one (reads None); an explicit alias is kept
  const layered = new TemplateContext(
    { config: { a: 1 }, stream_slice: { id: 1 } },
    { config: undefined, stream_interval: { id: 2 } },
  );
  strictEqual(compileTemplate("{{ config is none }}").evaluate(layered), true);
  strictEqual(compileTemplate("{{ stream_interval.id }}{{ stream_partition.id }}").evaluate(layered), 21);
  strictEqual(layered.has("next_page_token"), false);
  strictEqual(layered.get("next_page_token"), undefined);
  // a missing variable is still an undeclared-variable error
  throws(
    () => compileTemplate("{{ other }}").evaluate(ctx),
    (e: unknown) => e instanceof SpoutError && e.message.includes("undeclared variables: other"),
  );
});

Deno.test("literalResult's shortcut for ints, booleans and None agrees with the literal parser", () => {
  const texts = [
    "0",
    "1",
    "-1",
    "-0",
    "7",
    "100",
    "007",
    "0x10",
    "123456789012345",
    "1234567890123456",
    "-123456789012345",
    "99999999999999999999",
    "1_000",
    "+5",
    " 5",
    "5 ",
    "True",
    "False",
    "None",
    "true",
    "none",
    "True ",
    "1.0",
    "1e3",
    "",
    "-",
    "--1",
    "abc",
  ];
  for (const text of texts) {
    const lit = literalEval(text);
    const expected = lit === undefined || lit.type === "complex" || lit.type === "bytes" ? text : lit.value;
    deepStrictEqual(literalResult(text), expected, text);
    for (const types of [["int"], ["str"], ["bool"], ["none"], ["float", "int"]] as ValidType[][]) {
      const want = lit === undefined ? text : types.includes(lit.type as ValidType) ||
          (lit.type === "bool" && types.includes("int"))
        ? lit.value
        : text;
      deepStrictEqual(literalResult(text, types), want, `${text} ${types}`);
    }
  }
  strictEqual(Object.is(literalResult("-0"), -0), false);
});
