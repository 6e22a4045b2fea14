/**
 * Sandboxed Jinja2 interpolation with Airbyte/Python semantics: a small lexer, parser and tree-walking
 * evaluator (no `eval`), Python value semantics, Airbyte macros and filters, and literal evaluation of
 * results like the reference `JinjaInterpolation`.
 * @module
 */

export {
  CompiledTemplate,
  type CompileOptions,
  compileTemplate,
  type EvaluateOptions,
  literalResult,
  type RenderOptions,
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
