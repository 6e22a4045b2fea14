/**
 * Compiled templates with Airbyte's `JinjaInterpolation.eval` semantics: aliases (`stream_interval`,
 * `stream_partition` -> `stream_slice`), undeclared-variable errors, Undefined -> default, TypeError -> the
 * template text itself, and literal evaluation of the rendered output (`"5"` -> 5, `"{'a': 1}"` -> object).
 * @module
 */

import { SpoutError } from "../../errors.ts";
import type { Stmt } from "./ast.ts";
import {
  DEFAULT_MAX_OUTPUT,
  DEFAULT_MAX_STEPS,
  renderBody,
  type Runtime,
  type VarLookup,
} from "./evaluator.ts";
import { hasFilter } from "./filters.ts";
import { hasTest } from "./jinja_tests.ts";
import { collectNames } from "./free_names.ts";
import { type Literal, literalEval, type LiteralType } from "./literal_eval.ts";
import { DEFAULT_MAX_WORK } from "./limits.ts";
import { GLOBAL_NAMES } from "./macros.ts";
import { parseTemplate } from "./parser.ts";
import { CaseInsensitiveDict, PyError } from "./py_value.ts";

/** Variables available to a template. Values must be JSON-like data (or functions supplied by trusted code). */
export interface TemplateVars {
  /** The connector configuration. */
  config?: unknown;
  /** `$parameters` of the component. */
  parameters?: unknown;
  /** The current slice; also visible as `stream_partition` and `stream_interval`. */
  stream_slice?: unknown;
  /** Alias of `stream_slice` (set automatically when absent). */
  stream_partition?: unknown;
  /** Alias of `stream_slice` (set automatically when absent). */
  stream_interval?: unknown;
  /** Stream state (the reference rejects templates mentioning it). */
  stream_state?: unknown;
  /** The next page token. */
  next_page_token?: unknown;
  /** Decoded response body. */
  response?: unknown;
  /** Response headers: fetch `Headers` (read case-insensitively), a CaseInsensitiveDict or a plain object. */
  headers?: unknown;
  /** The current record. */
  record?: unknown;
  /** The last record of the page. */
  last_record?: unknown;
  /** Number of records of the last page. */
  last_page_size?: unknown;
  /** Response of an async job creation. */
  creation_response?: unknown;
  /** Any other variable a component passes. */
  [name: string]: unknown;
}

/** Python types accepted by `valid_types`. */
export type ValidType = "str" | "int" | "float" | "bool" | "dict" | "list" | "tuple" | "set" | "none";

/** Services for one render (clock, UUIDs) and limits. */
export interface RenderOptions {
  /** Current time in epoch ms (default `Date.now`). */
  now?: () => number;
  /** UUID generator for `generate_uuid()` (default `crypto.randomUUID`). */
  uuid?: () => string;
  /** Evaluation step limit (default 1,000,000). */
  maxSteps?: number;
  /** Output size limit in characters (default 5,000,000). */
  maxOutput?: number;
  /** Work budget: values visited, compared or copied (default 50,000,000). */
  maxWork?: number;
}

/** Options of {@link CompiledTemplate.evaluate}. */
export interface EvaluateOptions extends RenderOptions {
  /** Python `valid_types`: the literal-evaluated result is kept only if it has one of these types. */
  validTypes?: readonly ValidType[];
  /** Template rendered when the output is empty or hits an Undefined error (JinjaInterpolation's `default`). */
  default?: string;
}

/** Options of {@link compileTemplate}. */
export interface CompileOptions {
  /** Where the template comes from (e.g. `manifest.yaml:12:5 streams[0].retriever...`), used in errors. */
  location?: string;
}

interface Parsed {
  body: Stmt[];
  isStatic: boolean;
  staticText: string;
  free: string[];
}

const ALIASES = ["stream_interval", "stream_partition"];
const UNSUPPORTED_STATE_MESSAGE =
  "`stream_state` is no longer supported for interpolation. We recommend using " +
  "`stream_interval` instead. Please reference the CDK Migration Guide for more information.";
const CACHE_LIMIT = 10_000;
const cache = new Map<string, Parsed | SpoutError>();

function parseCached(source: string): Parsed {
  let hit = cache.get(source);
  if (!hit) {
    try {
      const { body, isStatic } = parseTemplate(source);
      const names = collectNames(body);
      for (const f of names.filters) {
        if (!hasFilter(f)) throw new SpoutError("template_error", `template error: no filter named '${f}'`);
      }
      for (const t of names.tests) {
        if (!hasTest(t)) throw new SpoutError("template_error", `template error: no test named '${t}'`);
      }
      hit = {
        body,
        isStatic,
        staticText: isStatic ? body.map((s) => (s.k === "data" ? s.text : "")).join("") : "",
        free: [...names.free].filter((n) => !GLOBAL_NAMES.has(n)),
      };
    } catch (e) {
      hit = e instanceof SpoutError ? e : new SpoutError("template_error", `template error: ${String(e)}`);
    }
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(source, hit);
  }
  return hit as Parsed;
}

function withLocation(err: SpoutError, location: string | undefined, source: string): SpoutError {
  const where = location ? `${location}: ` : "";
  const snippet = source.length > 120 ? source.slice(0, 117) + "..." : source;
  return new SpoutError(err.code, `${where}${err.message} in template ${JSON.stringify(snippet)}`, {
    cause: err.cause ?? err,
  });
}

const OWN_ENUMERABLE = Object.prototype.propertyIsEnumerable;
const ABSENT: unique symbol = Symbol("absent");

/** How a template reads a variable's value: undefined is None, fetch Headers a case-insensitive mapping. */
function readValue(v: unknown): unknown {
  return v === undefined ? null : v instanceof Headers ? CaseInsensitiveDict.fromHeaders(v) : v;
}

/**
 * Template variables shared by several evaluations: every template of one page, or one record filter over a
 * whole page with {@link TemplateContext.set} per record. Layers read like `{ ...a, ...b }` (later ones win)
 * without being copied: a variable is looked up (once) when a template first reads it. Undefined reads as
 * None, fetch `Headers` as a case-insensitive mapping, and `stream_partition` / `stream_interval` as
 * `stream_slice` when absent. Layers must not change once read; evaluations never modify them.
 *
 * @example
 * ```ts
 * import { compileTemplate, TemplateContext } from "./template.ts";
 * const ctx = new TemplateContext({ config: { min: 2 } }, { record: { n: 1 } });
 * const keep = compileTemplate("{{ record.n >= config.min }}");
 * if (keep.evaluate(ctx) !== false) throw new Error("1 < 2");
 * if (keep.evaluate(ctx.set("record", { n: 3 })) !== true) throw new Error("3 >= 2");
 * ```
 */
export class TemplateContext implements VarLookup {
  readonly #layers: readonly TemplateVars[];
  /** Variables resolved so far (ABSENT for names no layer has), and those `set`. */
  readonly #resolved = new Map<string, unknown>();

  /** A context over `layers` (later ones win). */
  constructor(...layers: TemplateVars[]) {
    this.#layers = layers;
  }

  #resolve(name: string): unknown {
    const resolved = this.#resolved;
    let v = resolved.get(name);
    if (v !== undefined || resolved.has(name)) return v;
    const layers = this.#layers;
    let i = layers.length - 1;
    while (i >= 0 && !OWN_ENUMERABLE.call(layers[i], name)) i--;
    if (i >= 0) v = readValue(layers[i][name]);
    else v = ALIASES.includes(name) ? this.#resolve("stream_slice") : ABSENT;
    resolved.set(name, v);
    return v;
  }

  /** True when a template may read `name`. */
  has(name: string): boolean {
    return this.#resolve(name) !== ABSENT;
  }

  /** The value a template reads as `name` (undefined when absent). */
  get(name: string): unknown {
    const v = this.#resolve(name);
    return v === ABSENT ? undefined : v;
  }

  /**
   * Sets one variable over the layers (read like theirs) for the next evaluations; returns this context. The
   * slice variables (`stream_slice` and its aliases) are fixed by the layers.
   */
  set(name: string, value: unknown): this {
    if (name === "stream_slice" || ALIASES.includes(name)) {
      throw new TypeError(`TemplateContext: ${name} is fixed when the context is built`);
    }
    this.#resolved.set(name, readValue(value));
    return this;
  }
}

function buildContext(vars: TemplateVars | TemplateContext): TemplateContext {
  return vars instanceof TemplateContext ? vars : new TemplateContext(vars);
}

function runtimeOf(o: RenderOptions | undefined): Runtime {
  return {
    now: o?.now ?? Date.now,
    uuid: o?.uuid ?? (() => crypto.randomUUID()),
    maxSteps: o?.maxSteps ?? DEFAULT_MAX_STEPS,
    maxOutput: o?.maxOutput ?? DEFAULT_MAX_OUTPUT,
    maxWork: o?.maxWork ?? DEFAULT_MAX_WORK,
  };
}

function isInstance(type: LiteralType, valid: readonly ValidType[]): boolean {
  if (valid.includes(type as ValidType)) return true;
  return type === "bool" && valid.includes("int");
}

const SMALL_INT = /^-?(?:0|[1-9][0-9]{0,14})$/;
const TRUE: Literal = { type: "bool", value: true };
const FALSE: Literal = { type: "bool", value: false };
const NONE: Literal = { type: "none", value: null };

/** The literals templates render most (`100`, `True`, `None`), without the parser; else the parser. */
function quickLiteral(text: string): Literal | undefined {
  switch (text) {
    case "True":
      return TRUE;
    case "False":
      return FALSE;
    case "None":
      return NONE;
  }
  if (text.length <= 16 && SMALL_INT.test(text)) return { type: "int", value: Number(text) || 0 };
  return literalEval(text);
}

/** Python's `_literal_eval(result, valid_types)` step. */
export function literalResult(text: string, validTypes?: readonly ValidType[]): unknown {
  const lit = quickLiteral(text);
  if (!lit) return text;
  if (!validTypes || validTypes.length === 0) {
    return lit.type === "complex" || lit.type === "bytes" ? text : lit.value;
  }
  return isInstance(lit.type, validTypes) ? lit.value : text;
}

/**
 * A parsed, reusable template (create it with {@link compileTemplate}).
 *
 * @example
 * ```ts
 * import { compileTemplate } from "./template.ts";
 * const t = compileTemplate("{{ stream_partition.id }}-{{ config.missing }}");
 * if (t.render({ config: {}, stream_slice: { id: 7 } }) !== "7-") throw new Error("bad");
 * if (t.isStatic || t.variables.join() !== "stream_partition,config") throw new Error(t.variables.join());
 * ```
 */
export class CompiledTemplate {
  /** True when the source has no template syntax. */
  readonly isStatic: boolean;
  /** Variables the template reads from its context (excluding macros). */
  readonly variables: readonly string[];
  readonly #parsed: Parsed;
  readonly #staticCache = new Map<string, unknown>();

  /** Use {@link compileTemplate}. */
  constructor(readonly source: string, parsed: Parsed, readonly location?: string) {
    this.#parsed = parsed;
    this.isStatic = parsed.isStatic;
    this.variables = parsed.free;
  }

  #fail(e: unknown): never {
    if (e instanceof PyError) {
      throw withLocation(
        new SpoutError("template_error", `template error: ${e.kind}: ${e.message}`),
        this.location,
        this.source,
      );
    }
    if (e instanceof SpoutError) {
      const inner = e.code === "template_error" || e.code === "config_error"
        ? e
        : new SpoutError("template_error", `template error: ${e.message}`, { cause: e });
      throw withLocation(inner, this.location, this.source);
    }
    if (e instanceof RangeError) {
      throw withLocation(
        new SpoutError("template_error", `template error: ${e.message}`),
        this.location,
        this.source,
      );
    }
    throw withLocation(
      new SpoutError(
        "internal_error",
        `internal template engine error: ${(e as Error)?.message ?? String(e)}`,
        { cause: e },
      ),
      this.location,
      this.source,
    );
  }

  #renderRaw(ctx: VarLookup, rt: Runtime): string {
    if (this.#parsed.isStatic) return this.#parsed.staticText;
    return renderBody(this.#parsed.body, ctx, rt);
  }

  /**
   * Renders the template to its raw Jinja output (no literal evaluation, no undeclared-variable check).
   * Throws SpoutError("template_error") for runtime errors (including use of undefined values).
   */
  render(vars: TemplateVars | TemplateContext, options?: RenderOptions): string {
    try {
      return this.#renderRaw(buildContext(vars), runtimeOf(options));
    } catch (e) {
      this.#fail(e);
    }
  }

  /**
   * Airbyte's `JinjaInterpolation.eval`: renders, then literal-evaluates the output (`"5"` -> 5). An empty
   * output or an Undefined error falls back to `options.default` (rendered the same way) or null.
   */
  evaluate(vars: TemplateVars | TemplateContext, options?: EvaluateOptions): unknown {
    if (this.source.includes("stream_state")) {
      throw withLocation(
        new SpoutError("config_error", UNSUPPORTED_STATE_MESSAGE),
        this.location,
        this.source,
      );
    }
    const validTypes = options?.validTypes;
    if (this.#parsed.isStatic && this.#parsed.staticText !== "") {
      const key = validTypes ? validTypes.join(",") : "";
      if (this.#staticCache.has(key)) return this.#staticCache.get(key);
      const v = literalResult(this.#parsed.staticText, validTypes);
      if (v === null || typeof v !== "object") this.#staticCache.set(key, v);
      return v;
    }
    const ctx = buildContext(vars);
    const rt = runtimeOf(options);
    try {
      const out = this.#evalOnce(ctx, rt);
      if (out !== "") return literalResult(out, validTypes);
    } catch (e) {
      if (!(e instanceof PyError && e.kind === "UndefinedError")) this.#fail(e);
    }
    if (options?.default === undefined) return null;
    const dflt = compileTemplate(options.default, { location: this.location });
    try {
      return literalResult(dflt.#evalOnce(ctx, rt), validTypes);
    } catch (e) {
      dflt.#fail(e);
    }
  }

  /** `_eval`: undeclared variables are an error; a TypeError yields the template text itself. */
  #evalOnce(ctx: VarLookup, rt: Runtime): string {
    const free = this.#parsed.free;
    let complete = true;
    for (let i = 0; i < free.length && complete; i++) complete = ctx.has(free[i]);
    if (!complete) {
      const missing = free.filter((n) => !ctx.has(n));
      throw new PyError("ValueError", `Jinja macro has undeclared variables: ${missing.sort().join(", ")}`);
    }
    try {
      return this.#renderRaw(ctx, rt);
    } catch (e) {
      if (e instanceof PyError && e.kind === "TypeError") return this.source;
      throw e;
    }
  }
}

/**
 * Parses a template once (cached by source) and returns a reusable compiled template. Syntax errors, unknown
 * filters and unknown tests throw SpoutError("template_error") naming the location.
 *
 * @example
 * ```ts
 * import { compileTemplate } from "./template.ts";
 * const t = compileTemplate("{{ config['page_size'] * 2 }}");
 * if (t.evaluate({ config: { page_size: 50 } }) !== 100) throw new Error("bad");
 * if (t.render({ config: { page_size: 1.5 } }) !== "3.0") throw new Error("bad render");
 * ```
 */
export function compileTemplate(source: string, options?: CompileOptions): CompiledTemplate {
  if (typeof source !== "string") {
    throw new SpoutError("template_error", `${options?.location ?? "template"}: expected a string template`);
  }
  const parsed = parseCached(source);
  if (parsed instanceof SpoutError) throw withLocation(parsed, options?.location, source);
  return new CompiledTemplate(source, parsed, options?.location);
}
