/**
 * Hand-written templates per feature (Python values, arithmetic, comparisons, strings, dicts, lists, filters,
 * macros, datetimes, statements, Undefined handling, literal evaluation, valid types, defaults, booleans,
 * mappings, errors) checked against values recorded from the reference (airbyte-cdk 7.39.1, Jinja2 3.1.6).
 */
import { deepStrictEqual, ok } from "node:assert/strict";
import { SpoutError } from "../../errors.ts";
import {
  interpolateBoolean,
  interpolateMapping,
  interpolateNested,
  interpolateString,
} from "./interpolated.ts";
import { compileTemplate, type TemplateVars, type ValidType } from "./template.ts";

interface Outcome {
  value?: unknown;
  error?: string;
}

interface Case {
  feature: string;
  t: unknown;
  default?: string;
  valid_types?: ValidType[];
  valid_value_types?: ValidType[];
  eval?: Outcome;
  render?: Outcome;
  string?: Outcome;
  boolean?: Outcome;
  mapping?: Outcome;
  nested?: Outcome;
}

const data = JSON.parse(
  Deno.readTextFileSync(new URL("./testdata/reference_cases.json", import.meta.url)),
) as {
  context: TemplateVars;
  cases: Case[];
};
const NOW = Date.UTC(2024, 2, 15, 12, 34, 56, 789) + 0.012;
const OPTIONS = { now: () => NOW, uuid: () => "12345678-1234-4678-9234-567812345678" };

function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("$tuple" in o) return decode(o.$tuple);
    if ("$set" in o) return decode(o.$set);
    if ("$bigint" in o) return o.$bigint;
    if ("$float" in o) return Number(String(o.$float).replace("inf", "Infinity"));
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o)) out[k] = decode(o[k]);
    return out;
  }
  return v;
}

function run(fn: () => unknown): Outcome {
  try {
    const v = fn();
    return {
      value: typeof v === "number" && !Number.isFinite(v) ? v : JSON.parse(JSON.stringify(v ?? null)),
    };
  } catch (e) {
    if (!(e instanceof SpoutError) || e.code === "internal_error") throw e;
    return { error: e.code };
  }
}

const runners: Record<string, (c: Case) => unknown> = {
  eval: (c) =>
    compileTemplate(c.t as string).evaluate(data.context, {
      ...OPTIONS,
      default: c.default,
      validTypes: c.valid_types,
    }),
  render: (c) => compileTemplate(c.t as string).render(data.context, OPTIONS),
  string: (c) => interpolateString(c.t as string, data.context, { ...OPTIONS, default: c.default }),
  boolean: (c) => interpolateBoolean(c.t as string, data.context, OPTIONS),
  mapping: (c) =>
    interpolateMapping(c.t as Record<string, unknown>, data.context, {
      ...OPTIONS,
      validValueTypes: c.valid_value_types,
    }),
  nested: (c) => interpolateNested(c.t, data.context, OPTIONS),
};

const features = [...new Set(data.cases.map((c) => c.feature))];
for (const feature of features) {
  Deno.test(`reference semantics: ${feature}`, () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const c of data.cases.filter((x) => x.feature === feature)) {
      for (const mode of Object.keys(runners)) {
        const expected = c[mode as keyof Case] as Outcome | undefined;
        if (!expected) continue;
        checked++;
        const got = run(() => runners[mode](c));
        const label = `[${mode}] ${JSON.stringify(c.t)}${c.valid_types ? ` valid=${c.valid_types}` : ""}`;
        if (expected.error !== undefined) {
          if (got.error === undefined) {
            mismatches.push(`${label}: expected ${expected.error}, got ${JSON.stringify(got)}`);
          }
          continue;
        }
        const want = decode(expected.value);
        try {
          const plain = typeof want === "number" && !Number.isFinite(want)
            ? want
            : JSON.parse(JSON.stringify(want));
          deepStrictEqual(got, { value: plain });
        } catch {
          mismatches.push(`${label}: expected ${JSON.stringify(expected.value)}, got ${JSON.stringify(got)}`);
        }
      }
    }
    ok(checked > 0);
    deepStrictEqual(mismatches, []);
  });
}
