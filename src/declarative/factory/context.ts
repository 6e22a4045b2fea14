/**
 * What every factory function receives: the config, the component's location (for errors), templates
 * compiled once per component, and shared services (API budget, custom components, file reader).
 * @module
 */
import { conditionHolds } from "../interpolation/interpolated.ts";
import { SpoutError } from "../../errors.ts";
import type { Env } from "../../env.ts";
import type { ReadContext } from "../../source/types.ts";
import type { HttpApiBudget } from "../../http/rate_limit.ts";
import { isObject, type JsonObject } from "../../types.ts";
import { compileTemplate, TemplateContext, type ValidType, type Vars } from "./templates.ts";

/** A manifest component after `$ref`/`$parameters` resolution: a plain object. */
export type Component = { [key: string]: unknown };

/** Reads a file next to the manifest (JsonFileSchemaLoader); absent in environments without files. */
export type FileReader = (path: string) => Promise<string | undefined>;

/** Shared state of one factory run (one `streams(config)` call). */
export interface FactoryContext {
  /** The user's config (after migrations and normalisation). */
  readonly config: JsonObject;
  /** Manifest file path for error locations. */
  readonly path?: string;
  /** Maps a component path to `file:line:col` when positions are known. */
  readonly locate?: (path: readonly (string | number)[]) => string | undefined;
  /** Custom component implementations keyed by `class_name`. */
  readonly components: Record<string, unknown>;
  /** Reads schema files (JsonFileSchemaLoader). */
  readonly readFile?: FileReader;
  /** Call budget shared by every stream of a read (HTTPAPIBudget), if the manifest declares one. */
  apiBudget?: (env: Env) => HttpApiBudget;
  /** Stream components by name, for substreams whose parent is referenced by name. */
  readonly streamCache: Map<unknown, unknown>;
  /** The read context of the `streams()` call (dynamic schemas and streams read through it). */
  readContext?: ReadContext;
  /** Clock of templates (`now_utc()`, `today_utc()`), from the read environment. */
  readonly now?: () => number;
}

/** A position inside the resolved manifest, carried down while building. */
export type ComponentPath = readonly (string | number)[];

/** Cheap location of `path` ("manifest.yaml (streams.0.retriever)"), used on the hot path. */
export function where(ctx: FactoryContext, path: ComponentPath): string {
  const dotted = path.join(".");
  return ctx.path ? `${ctx.path} (${dotted})` : dotted;
}

/** Precise location of `path` ("manifest.yaml:12:7 (streams.0.retriever)"), computed for errors only. */
export function locate(ctx: FactoryContext, path: ComponentPath): string {
  const dotted = path.join(".");
  const pos = ctx.locate?.(path);
  if (pos) return `${pos} (${dotted})`;
  return where(ctx, path);
}

/** Throws a `manifest_invalid` error located at `path`. */
export function invalid(ctx: FactoryContext, path: ComponentPath, message: string): never {
  throw new SpoutError("manifest_invalid", `${locate(ctx, path)}: ${message}`);
}

/** The `$parameters` of a component (propagated by the resolver). */
export function paramsOf(component: Component): { [key: string]: unknown } {
  const p = component.$parameters;
  return isObject(p) ? p : {};
}

/** How a manifest value is interpolated (decides the fallback on empty output or undefined access). */
export interface InterpolationOptions {
  /** `string` (InterpolatedString, default), `boolean` (InterpolatedBoolean) or `mapping` (mapping values). */
  kind?: "string" | "boolean" | "mapping";
  /** Explicit fallback template. */
  default?: unknown;
}

/** A compiled interpolated value (string template, or a constant). */
export interface Interpolated {
  /** True when no template syntax is present. */
  readonly isStatic: boolean;
  /**
   * Evaluates to a typed value (Airbyte literal-evaluates rendered strings). `vars` are the variables besides
   * `config` and `parameters`, or a context from {@link Interpolated.scope} (which holds those too).
   */
  eval(vars: Vars | TemplateContext, validTypes?: readonly ValidType[]): unknown;
  /** Renders to a string (`vars` as for `eval`). */
  render(vars: Vars | TemplateContext): string;
  /** True when the template reads the variable `name` (always false for constants). */
  uses(name: string): boolean;
  /**
   * The full context of `vars` (with this value's `config` and `parameters`), built once and passed to
   * `eval`/`render` of this value or of others compiled with the same `parameters` (one page's templates, a
   * record filter with `set("record", …)` per record).
   */
  scope(vars: Vars): TemplateContext;
}

const NEVER = () => false;
const constantScope = (vars: Vars) => new TemplateContext(vars);
const EMPTY: Interpolated = {
  isStatic: true,
  eval: () => undefined,
  render: () => "",
  uses: NEVER,
  scope: constantScope,
};

/**
 * Compiles a manifest value as an interpolated string bound to the component's `$parameters` and config.
 * Non-string values become constants.
 */
export function interpolated(
  ctx: FactoryContext,
  value: unknown,
  parameters: { [key: string]: unknown },
  path: ComponentPath,
  options: InterpolationOptions = {},
): Interpolated {
  const compiled = compileInterpolated(ctx, value, parameters, path, options);
  if (options.kind !== "boolean") return compiled;
  // InterpolatedBoolean: its result is a verdict ("false", "0", "{}"… as strings are false too)
  const evaluate = compiled.eval;
  return { ...compiled, eval: (vars, validTypes) => conditionHolds(evaluate(vars, validTypes)) };
}

function compileInterpolated(
  ctx: FactoryContext,
  value: unknown,
  parameters: { [key: string]: unknown },
  path: ComponentPath,
  options: InterpolationOptions,
): Interpolated {
  if (value === undefined || value === null) return EMPTY;
  if (typeof value !== "string") {
    return {
      isStatic: true,
      eval: () => value,
      render: () => String(value),
      uses: NEVER,
      scope: constantScope,
    };
  }
  // Airbyte's defaults: an InterpolatedString falls back to itself (so an undefined access fails), an
  // InterpolatedBoolean to "False", mapping values to None.
  const kind = options.kind ?? "string";
  const fallback = options.default !== undefined
    ? options.default
    : kind === "string"
    ? value
    : kind === "boolean"
    ? "False"
    : undefined;
  let tpl;
  try {
    tpl = compileTemplate(value, where(ctx, path), fallback, ctx.now);
  } catch (error) {
    if (error instanceof SpoutError && error.code === "template_error") {
      const precise = locate(ctx, path);
      throw new SpoutError("template_error", error.message.replace(where(ctx, path), precise), {
        cause: error,
      });
    }
    throw error;
  }
  const base = { config: ctx.config, parameters };
  const compiled = tpl;
  const uses = (name: string) => compiled.variables.includes(name);
  const scope = (vars: Vars) => new TemplateContext(base, vars);
  if (compiled.configOnly) {
    // Depends only on config and $parameters, which are fixed for the streams of one factory run: evaluate once
    // (primitives only; objects are rebuilt so callers may mutate them) — the hot path skips the interpreter.
    const evaluated = new Map<string, unknown>();
    let rendered: string | undefined;
    return {
      isStatic: compiled.isStatic,
      uses,
      scope,
      eval(_vars, validTypes) {
        const key = validTypes ? validTypes.join() : "";
        if (evaluated.has(key)) return evaluated.get(key);
        const value = compiled.evaluate(base, validTypes);
        if (value === null || typeof value !== "object") evaluated.set(key, value);
        return value;
      },
      render() {
        return rendered ??= compiled.render(base);
      },
    };
  }
  return {
    isStatic: compiled.isStatic,
    uses,
    scope,
    // A context from `scope` is used as it is; plain variables are layered over config and parameters.
    eval: (vars, validTypes) =>
      compiled.evaluate(vars instanceof TemplateContext ? vars : new TemplateContext(base, vars), validTypes),
    render: (vars) =>
      compiled.render(vars instanceof TemplateContext ? vars : new TemplateContext(base, vars)),
  };
}

/** Reads a boolean-ish option. */
export function bool(value: unknown, fallback = false): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "string") return value.toLowerCase() === "true";
  return Boolean(value);
}
