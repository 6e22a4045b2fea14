/**
 * Helpers matching Airbyte's InterpolatedString, InterpolatedBoolean, InterpolatedMapping and
 * InterpolatedNestedMapping.
 * @module
 */

import {
  compileTemplate,
  type EvaluateOptions,
  type RenderOptions,
  type TemplateVars,
  type ValidType,
} from "./template.ts";
import { isDict, pyEq } from "./py_value.ts";

/** Options shared by the helpers: clock/uuid injection and a location for error messages. */
export interface InterpolateOptions extends RenderOptions {
  /** Where the value comes from, used in error messages. */
  location?: string;
}

/**
 * InterpolatedString.eval: like `evaluate`, with the default falling back to the string itself (so an empty
 * output stays `""` and an Undefined error is raised).
 *
 * @example
 * ```ts
 * import { interpolateString } from "./interpolated.ts";
 * if (interpolateString("{{ config.n }}", { config: { n: "7" } }) !== 7) throw new Error("bad");
 * if (interpolateString("{{ config.missing }}", { config: {} }) !== "") throw new Error("bad empty");
 * ```
 */
export function interpolateString(
  source: string,
  vars: TemplateVars,
  options: InterpolateOptions & { default?: string; validTypes?: readonly ValidType[] } = {},
): unknown {
  const t = compileTemplate(source, { location: options.location });
  const evalOptions: EvaluateOptions = { ...options, default: options.default || source };
  return t.evaluate(vars, evalOptions);
}

const FALSE_STRINGS = new Set(["False", "false", "{}", "[]", "()", "", "0", "0.0"]);

/**
 * InterpolatedBoolean.eval: evaluates with default `"False"` and treats `False`, `false`, `{}`, `[]`, `()`,
 * `""`, `"0"`, `"0.0"`, empty containers, 0 and None as false; anything else is true.
 *
 * @example
 * ```ts
 * import { interpolateBoolean } from "./interpolated.ts";
 * if (interpolateBoolean("{{ config.flag == 'yes' }}", { config: { flag: "yes" } }) !== true) throw new Error("bad");
 * if (interpolateBoolean("{{ config.missing }}", { config: {} }) !== false) throw new Error("bad");
 * ```
 */
export function interpolateBoolean(
  source: string | boolean,
  vars: TemplateVars,
  options: InterpolateOptions = {},
): boolean {
  if (typeof source === "boolean") return source;
  const v = compileTemplate(source, { location: options.location }).evaluate(vars, {
    ...options,
    default: "False",
  });
  return conditionHolds(v);
}

/**
 * InterpolatedBoolean's verdict on an evaluated value: false for the reference's FALSE_VALUES (`"False"`,
 * `"false"`, `"{}"`, `"[]"`, `"()"`, `""`, `"0"`, `"0.0"` as strings, False, None, 0, empty containers),
 * true for anything else.
 *
 * @example
 * ```ts
 * import { conditionHolds } from "./interpolated.ts";
 * if (conditionHolds("false") || conditionHolds([]) || !conditionHolds("no")) throw new Error("verdict");
 * ```
 */
export function conditionHolds(v: unknown): boolean {
  if (typeof v === "string") return !FALSE_STRINGS.has(v);
  if (v === null || v === undefined || v === false || v === 0) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isDict(v)) return Object.keys(v).length > 0;
  return !pyEq(v, 0);
}

/**
 * InterpolatedMapping.eval: evaluates keys (valid types `str` by default) and string values (no default).
 *
 * @example
 * ```ts
 * import { interpolateMapping } from "./interpolated.ts";
 * const m = interpolateMapping({ "{{ config.k }}": "{{ config.v }}", n: 5 }, { config: { k: "key", v: "10" } });
 * if (JSON.stringify(m) !== '{"key":10,"n":5}') throw new Error(JSON.stringify(m));
 * ```
 */
export function interpolateMapping(
  mapping: Record<string, unknown>,
  vars: TemplateVars,
  options: InterpolateOptions & {
    validKeyTypes?: readonly ValidType[];
    validValueTypes?: readonly ValidType[];
  } = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keyTypes = options.validKeyTypes ?? ["str"];
  for (const name of Object.keys(mapping)) {
    const key = compileTemplate(name, { location: options.location }).evaluate(vars, {
      ...options,
      validTypes: keyTypes,
    });
    const value = mapping[name];
    const v = typeof value === "string"
      ? compileTemplate(value, { location: options.location }).evaluate(vars, {
        ...options,
        validTypes: options.validValueTypes,
      })
      : value;
    Object.defineProperty(out, keyToString(key), {
      value: v,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  return out;
}

function keyToString(k: unknown): string {
  if (typeof k === "string") return k;
  if (k === null) return "None";
  if (k === true) return "True";
  if (k === false) return "False";
  return typeof k === "object" ? JSON.stringify(k) : String(k);
}

/**
 * InterpolatedNestedMapping.eval: recursively evaluates strings (keys and values) in dicts and lists;
 * dict entries whose value evaluates to None are dropped.
 *
 * @example
 * ```ts
 * import { interpolateNested } from "./interpolated.ts";
 * const v = interpolateNested({ a: ["{{ 1 + 1 }}", { b: "{{ config.missing }}" }] }, { config: {} });
 * if (JSON.stringify(v) !== '{"a":[2,{}]}') throw new Error(JSON.stringify(v));
 * ```
 */
export function interpolateNested(
  value: unknown,
  vars: TemplateVars,
  options: InterpolateOptions = {},
  depth = 0,
): unknown {
  if (depth > 200) throw new TypeError("nested mapping is too deep");
  if (typeof value === "string") {
    return compileTemplate(value, { location: options.location }).evaluate(vars, options);
  }
  if (Array.isArray(value)) return value.map((v) => interpolateNested(v, vars, options, depth + 1));
  if (isDict(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      const key = interpolateNested(k, vars, options, depth + 1);
      const v = interpolateNested(value[k], vars, options, depth + 1);
      if (v === null || v === undefined) continue;
      Object.defineProperty(out, keyToString(key), {
        value: v,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}
