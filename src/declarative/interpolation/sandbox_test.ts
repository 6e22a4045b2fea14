import { ok, strictEqual, throws } from "node:assert/strict";
import { SpoutError } from "../../errors.ts";
import { compileTemplate, type TemplateVars } from "./template.ts";

const vars: TemplateVars = {
  config: JSON.parse('{"a": 1, "__proto__": {"x": 2}, "nested": {"k": "v"}}'),
  parameters: {},
};

function isTemplateError(e: unknown): boolean {
  return e instanceof SpoutError && e.code === "template_error";
}

function timed<T>(fn: () => T, maxMs = 5000): T {
  const t0 = performance.now();
  try {
    return fn();
  } finally {
    const ms = performance.now() - t0;
    ok(ms < maxMs, `took ${ms.toFixed(0)} ms`);
  }
}

Deno.test("sandbox: Python dunders and JS prototype members are unreachable", () => {
  for (
    const src of [
      "{{ ''.__class__ }}",
      "{{ config.__class__ }}",
      "{{ config.constructor }}",
      "{{ [].constructor }}",
      "{{ config.toString }}",
      "{{ config.hasOwnProperty }}",
      "{{ now_utc().constructor }}",
      "{{ now_utc().wallSeconds }}",
      "{{ config.get.constructor }}",
      "{{ duration('P1D').totalMicros }}",
      "{{ namespace().attrs }}",
      "{{ ''.length }}",
    ]
  ) {
    strictEqual(compileTemplate(src).render(vars), "", src);
    strictEqual(compileTemplate(src).evaluate(vars), null, src);
  }
  // data keys are data: an own "__proto__" key of a parsed JSON object is an ordinary item
  strictEqual(compileTemplate("{{ config['__proto__']['x'] }}").evaluate(vars), 2);
});

Deno.test("sandbox: using a refused attribute is a template error, never a JS call", () => {
  for (
    const src of [
      "{{ ''.__class__.__mro__ }}",
      "{{ config.__class__() }}",
      "{{ config.__init__.__globals__ }}",
    ]
  ) {
    throws(() => compileTemplate(src).render(vars), isTemplateError, src);
  }
  // calling undefined JS members fails like calling Jinja's Undefined (falls back to the default)
  strictEqual(compileTemplate("{{ config.constructor.constructor('return 1')() }}").evaluate(vars), null);
  throws(
    () => compileTemplate("{{ config.constructor.constructor('return 1')() }}").render(vars),
    isTemplateError,
  );
});

Deno.test("sandbox: dict updates cannot pollute prototypes", () => {
  const config = { a: 1 };
  compileTemplate("{% set _ = config.update({'__proto__': {'polluted': 1}}) %}{{ config }}").render({
    config,
  });
  strictEqual(Object.getPrototypeOf(config), Object.prototype);
  strictEqual(({} as Record<string, unknown>).polluted, undefined);
  ok(Object.hasOwn(config, "__proto__"));
});

Deno.test("sandbox: range is not available and runaway templates hit limits quickly", () => {
  throws(() => compileTemplate("{{ range(10**9) | list }}").evaluate(vars), isTemplateError);
  for (
    const src of [
      "{{ 'a' * 10**9 }}",
      "{{ [1] * 10**9 }}",
      "{% set ns = namespace(s='ab') %}{% for i in 'x' * 64 %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}",
      "{% set ns = namespace(s=[1]) %}{% for i in 'x' * 64 %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s | length }}",
      "{% for a in 'x' * 1000 %}{% for b in 'x' * 1000 %}{% for c in 'x' * 1000 %}{% endfor %}{% endfor %}{% endfor %}",
      "{% for i in 'x' * 100000 %}{{ 'y' * 1000 }}{% endfor %}",
      "{{ 2 ** 1000000 }}",
      "{% set l = [] %}{% for i in 'x' * 100000 %}{% set _ = l.append(loop.index) %}{% endfor %}{{ l | unique | list | length }}",
      "{% for i in 'x' * 1000000 %}{% if i in ('y' * 1000000) %}{% endif %}{% endfor %}",
      "{% set l = [0] * 1000000 %}{% for i in 'x' * 1000 %}{{ 5 in l }}{% endfor %}",
      "{% set l = [[1, 2]] * 100000 %}{% for i in 'x' * 1000 %}{{ l }}{% endfor %}",
      "{{ 12345 ** 99999 }}",
    ]
  ) {
    timed(() => throws(() => compileTemplate(src).render(vars), isTemplateError, src));
  }
});

Deno.test("integers stay exact beyond 2**53, like Python", () => {
  strictEqual(compileTemplate("{{ 10 ** 10 ** 10 }}").render(vars), "1" + "0".repeat(100));
  strictEqual(compileTemplate("{{ 2 ** 64 - 1 }}").render(vars), "18446744073709551615");
  strictEqual(
    compileTemplate("{{ (2 ** 64) // 3 }} {{ -(2 ** 64) % 7 }}").render(vars),
    "6148914691236517205 5",
  );
  strictEqual(compileTemplate("{{ 2 ** 64 == 2 ** 64 }} {{ 2 ** 64 > 2 ** 63 }}").render(vars), "True True");
  // evaluate keeps the digits of ints that do not fit a JS number
  strictEqual(compileTemplate("{{ 2 ** 64 }}").evaluate(vars), "18446744073709551616");
});

Deno.test("sandbox: deep nesting is a clean template error, not a stack overflow", () => {
  for (
    const src of [
      "{{ " + "(".repeat(5000) + "1" + ")".repeat(5000) + " }}",
      "{{ " + "[".repeat(5000) + "]".repeat(5000) + " }}",
      "{{ " + "not ".repeat(5000) + "1 }}",
      "{{ " + "-".repeat(5000) + "1 }}",
      "{% if 1 %}".repeat(500) + "{% endif %}".repeat(500),
    ]
  ) {
    timed(() => throws(() => compileTemplate(src), isTemplateError, src.slice(0, 30)));
  }
  // long flat chains evaluate or fail cleanly
  const chain = "{{ " + Array(20000).fill("1").join(" + ") + " }}";
  timed(() => {
    try {
      strictEqual(compileTemplate(chain).evaluate(vars), 20000);
    } catch (e) {
      ok(isTemplateError(e), String(e));
    }
  });
  let deep: unknown = 1;
  for (let i = 0; i < 10000; i++) deep = [deep];
  timed(() =>
    throws(() => compileTemplate("{{ config.deep }}").render({ config: { deep } }), isTemplateError)
  );
});

Deno.test("random token soup only ever fails with clean template errors", () => {
  const parts = [
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    "-",
    "+",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "'",
    '"',
    "\\",
    "|",
    ".",
    ",",
    ":",
    "if",
    "for",
    "in",
    "set",
    "endif",
    "endfor",
    "else",
    "x",
    "config",
    "1",
    "2.5",
    " ",
    "\n",
    "not",
    "and",
    "is",
    "none",
    "raw",
    "endraw",
    "macro",
    "=",
    "==",
    "*",
    "**",
    "//",
    "%",
    "~",
    "loop",
    "ns.x",
    "__class__",
    "upper",
  ];
  let seed = 7;
  const rnd = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  let rendered = 0;
  for (let i = 0; i < 5000; i++) {
    let s = "";
    for (let j = 1 + Math.floor(rnd() * 14); j > 0; j--) s += parts[Math.floor(rnd() * parts.length)];
    try {
      compileTemplate(s).render({ config: { a: 1 }, x: [1, 2] });
      rendered++;
    } catch (e) {
      ok(e instanceof SpoutError && e.code === "template_error", `${JSON.stringify(s)}: ${e}`);
    }
  }
  ok(rendered > 1000);
});
