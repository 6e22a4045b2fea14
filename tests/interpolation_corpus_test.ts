/**
 * Interpolation against the manifest corpus:
 * - every distinct string with `{{` or `{%` in the corpus manifests compiles (except the explicit list of
 *   snippets that are broken upstream too) and evaluates against a generic context without internal errors;
 * - golden outputs produced by the reference engine (airbyte-cdk 7.39.1 JinjaInterpolation) for 800 corpus
 *   snippets are reproduced exactly, both the literal-evaluated value and the raw Jinja output.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { parseDocument } from "../src/_deps/yaml.ts";
import { compileTemplate, JSON_LOADS, type TemplateVars } from "../src/declarative/interpolation/mod.ts";
import { SpoutError } from "../src/errors.ts";

const CORPUS = new URL("../../shared/corpus/manifests/", import.meta.url);
const FIXTURES = new URL("./fixtures/interpolation/", import.meta.url);
/** Corpus snippets the reference itself cannot parse (none in the current corpus). */
const KNOWN_BROKEN: ReadonlySet<string> = new Set<string>([]);
const NOW = Date.UTC(2024, 2, 15, 12, 34, 56, 789) + 0.012;
const OPTIONS = { now: () => NOW, uuid: () => "12345678-1234-4678-9234-567812345678" };

function context(): TemplateVars {
  const ctx = JSON.parse(Deno.readTextFileSync(new URL("corpus_context.json", FIXTURES))) as TemplateVars;
  ctx.json_loads = JSON_LOADS;
  return ctx;
}

function collect(v: unknown, out: Set<string>): void {
  if (typeof v === "string") {
    if (v.includes("{{") || v.includes("{%")) out.add(v);
  } else if (Array.isArray(v)) { for (const x of v) collect(x, out); }
  else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      collect(k, out);
      collect(x, out);
    }
  }
}

function corpusAvailable(): boolean {
  try {
    return Deno.statSync(CORPUS).isDirectory;
  } catch {
    return false;
  }
}

/** Decodes the markers the fixture generator used for Python-only types. */
function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("$tuple" in o) return decode(o.$tuple);
    if ("$set" in o) return decode(o.$set);
    if ("$bigint" in o) return o.$bigint;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o)) out[k] = decode(o[k]);
    return out;
  }
  return v;
}

interface Expected {
  value?: unknown;
  error?: string;
}

function outcome(run: () => unknown): Expected {
  try {
    return { value: JSON.parse(JSON.stringify(run() ?? null)) };
  } catch (e) {
    ok(e instanceof SpoutError, `non-SpoutError thrown: ${e}`);
    ok(e.code !== "internal_error", e.message);
    return { error: e.code };
  }
}

Deno.test({
  name: "every corpus template compiles and evaluates without internal errors",
  ignore: !corpusAvailable(),
  fn() {
    const snippets = new Set<string>();
    const files = [...Deno.readDirSync(CORPUS)].filter((f) => f.name.endsWith(".yaml"));
    for (const f of files) {
      const text = Deno.readTextFileSync(new URL(f.name, CORPUS));
      collect(parseDocument(text, { uniqueKeys: false }).toJS(), snippets);
    }
    const vars = context();
    let parsed = 0;
    let evaluated = 0;
    let cleanErrors = 0;
    const internal: string[] = [];
    const parseFailures: string[] = [];
    for (const s of snippets) {
      let t;
      try {
        t = compileTemplate(s, { location: "corpus" });
        parsed++;
      } catch (e) {
        if (!(e instanceof SpoutError) || e.code !== "template_error") internal.push(`${s}: ${e}`);
        if (!KNOWN_BROKEN.has(s)) parseFailures.push(`${s}: ${(e as Error).message}`);
        continue;
      }
      try {
        t.evaluate(vars, OPTIONS);
        evaluated++;
      } catch (e) {
        if (e instanceof SpoutError && e.code !== "internal_error") cleanErrors++;
        else internal.push(`${s}: ${e}`);
      }
    }
    const n = snippets.size;
    const pct = (x: number): string => `${((100 * x) / n).toFixed(1)}%`;
    console.log(
      `interpolation corpus: ${files.length} manifests, ${n} distinct templates; parsed ${parsed} (${
        pct(parsed)
      }), ` +
        `evaluated ${evaluated} (${pct(evaluated)}), clean template/config errors ${cleanErrors}, ` +
        `internal errors ${internal.length}`,
    );
    ok(n > 2000, `expected the corpus to hold > 2000 templates, found ${n}`);
    deepStrictEqual(parseFailures, []);
    deepStrictEqual(internal, []);
    strictEqual(parsed + KNOWN_BROKEN.size, n);
  },
});

function checkGolden(
  cases: { t: string; v?: number; eval: Expected; render: Expected }[],
  varsOf: (c: { v?: number }) => TemplateVars,
): { mismatches: string[]; errorsExpected: number } {
  const mismatches: string[] = [];
  let errorsExpected = 0;
  for (const c of cases) {
    const vars = varsOf(c);
    for (const mode of ["eval", "render"] as const) {
      const exp = c[mode];
      const got = outcome(() => {
        const t = compileTemplate(c.t);
        return mode === "eval" ? t.evaluate(vars, OPTIONS) : t.render(vars, OPTIONS);
      });
      if (exp.error !== undefined) {
        errorsExpected++;
        if (got.error === undefined) mismatches.push(`[${mode}] ${c.t}\n expected ${exp.error}, got a value`);
        continue;
      }
      try {
        deepStrictEqual(got, { value: JSON.parse(JSON.stringify(decode(exp.value))) });
      } catch {
        mismatches.push(`[${mode}] ${c.t}\n expected ${JSON.stringify(exp)}\n got ${JSON.stringify(got)}`);
      }
    }
  }
  return { mismatches, errorsExpected };
}

Deno.test("corpus snippets reproduce the reference engine's golden outputs", () => {
  const golden = JSON.parse(Deno.readTextFileSync(new URL("corpus_golden.json", FIXTURES))) as {
    cases: { t: string; eval: Expected; render: Expected }[];
  };
  const vars = context();
  const { mismatches, errorsExpected } = checkGolden(golden.cases, () => vars);
  console.log(
    `interpolation golden: ${golden.cases.length} snippets x 2 modes, ${errorsExpected} expected errors, ` +
      `${mismatches.length} mismatches`,
  );
  ok(golden.cases.length >= 500);
  deepStrictEqual(mismatches.slice(0, 10), []);
});

Deno.test("corpus snippets match the reference with sparse and mistyped contexts", () => {
  const golden = JSON.parse(Deno.readTextFileSync(new URL("corpus_golden_variants.json", FIXTURES))) as {
    contexts: TemplateVars[];
    cases: { t: string; v: number; eval: Expected; render: Expected }[];
  };
  const contexts = golden.contexts.map((c) => ({ ...c, json_loads: JSON_LOADS }));
  const { mismatches, errorsExpected } = checkGolden(golden.cases, (c) => contexts[c.v ?? 0]);
  console.log(
    `interpolation golden (variant contexts): ${golden.cases.length} snippets x 2 modes, ${errorsExpected} ` +
      `expected errors, ${mismatches.length} mismatches`,
  );
  ok(golden.cases.length >= 500);
  deepStrictEqual(mismatches.slice(0, 10), []);
});
