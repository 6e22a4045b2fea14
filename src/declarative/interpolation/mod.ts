/**
 * Sandboxed Jinja2 interpolation with Airbyte/Python semantics: a small lexer, parser and tree-walking
 * evaluator (no `eval`), Python value semantics, Airbyte macros and filters, and literal evaluation of
 * results like the reference `JinjaInterpolation` (airbyte-cdk 7.39.1, Jinja2 3.1.6).
 *
 * Sandbox: templates read only own data properties of plain objects and arrays, allow-listed Python
 * methods, namespace attributes and datetime fields; Python dunders are refused; `range` is absent (as
 * upstream); evaluation steps (1M), output (5M chars), built strings (5M chars), lists (1M items), integers
 * (100k bits) and nesting depth are capped, and every violation is a `template_error`.
 *
 * Known differences from the reference (all outside the manifest corpus): integral floats read from JSON
 * (`1.0`) are ints here; JS objects order integer-like keys first; ints beyond 2^53 come back from
 * `evaluate` as digit strings; complex numbers are not supported; generator filters compute eagerly (their
 * errors are still deferred to first use); reprs of pytz tzinfo, Markup and generator addresses differ;
 * `{% call %}`, `{% include %}`/`{% import %}`/`{% extends %}`, recursive loops and `*args` calls are
 * template errors; InterpolatedString's "plain string" latch after a first-evaluation TypeError is not
 * reproduced.
 *
 * @example
 * ```ts
 * import { compileTemplate } from "./mod.ts";
 * const t = compileTemplate("{{ format_datetime(stream_interval.start_time, '%Y-%m-%d') }}");
 * const v = t.evaluate({ config: {}, stream_slice: { start_time: "2024-01-02T03:04:05Z" } });
 * if (v !== "2024-01-02") throw new Error(String(v));
 * ```
 * @module
 */

export {
  CompiledTemplate,
  type CompileOptions,
  compileTemplate,
  type EvaluateOptions,
  literalResult,
  type RenderOptions,
  TemplateContext,
  type TemplateVars,
  type ValidType,
} from "./template.ts";
export {
  interpolateBoolean,
  interpolateMapping,
  interpolateNested,
  type InterpolateOptions,
  interpolateString,
} from "./interpolated.ts";
export { JSON_LOADS } from "./macros.ts";
export { CaseInsensitiveDict, type Kwargs, PyCallable, type PyDict } from "./py_value.ts";
