/**
 * Differential test: 1,383 randomly generated expressions (operators, filters, tests, methods, slices,
 * conditionals over ints, floats, strings, lists, dicts, None and Undefined) must give the same literal-
 * evaluated value and the same raw output as the reference engine, or fail where it fails.
 */
import { deepStrictEqual, ok } from "node:assert/strict";
import { SpoutError } from "../../errors.ts";
import { compileTemplate, type TemplateVars } from "./template.ts";

interface Outcome {
  value?: unknown;
  error?: string;
}

const data = JSON.parse(
  Deno.readTextFileSync(new URL("./testdata/differential_cases.json", import.meta.url)),
) as {
  context: TemplateVars;
  cases: { t: string; eval: Outcome; render: Outcome }[];
};

function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("$tuple" in o) return decode(o.$tuple);
    if ("$set" in o) return decode(o.$set);
    if ("$bigint" in o) return o.$bigint;
    if ("$float" in o) return String(o.$float);
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o)) out[k] = decode(o[k]);
    return out;
  }
  return v;
}

function outcome(fn: () => unknown): Outcome {
  try {
    return { value: JSON.parse(JSON.stringify(fn() ?? null)) };
  } catch (e) {
    if (!(e instanceof SpoutError) || e.code === "internal_error") throw e;
    return { error: e.code };
  }
}

Deno.test("random expressions match the reference engine", () => {
  const mismatches: string[] = [];
  for (const c of data.cases) {
    const t = compileTemplate(c.t);
    for (const mode of ["eval", "render"] as const) {
      const exp = c[mode];
      const got = outcome(() => (mode === "eval" ? t.evaluate(data.context) : t.render(data.context)));
      if (exp.error !== undefined) {
        if (got.error === undefined) {
          mismatches.push(`[${mode}] ${c.t}: expected ${exp.error}, got ${JSON.stringify(got)}`);
        }
      } else if (
        JSON.stringify(got) !== JSON.stringify({ value: JSON.parse(JSON.stringify(decode(exp.value))) })
      ) {
        mismatches.push(
          `[${mode}] ${c.t}: expected ${JSON.stringify(exp.value)}, got ${JSON.stringify(got)}`,
        );
      }
    }
  }
  ok(data.cases.length > 1000);
  deepStrictEqual(mismatches, []);
});
