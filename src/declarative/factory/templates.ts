/**
 * The factory's single door to the interpolation engine: templates are compiled once, when a component is
 * built, and only evaluated on the hot path.
 * @module
 */
import { compileTemplate as compile, TemplateContext, type ValidType } from "../interpolation/template.ts";

/** Variables a template sees (`config`, `parameters`, `stream_slice`, `next_page_token`, `response`, ...). */
export type Vars = { [key: string]: unknown };

/** Python type names accepted by `valid_types`. */
export type { ValidType };

/** Variables converted once and shared by several evaluations (one page's templates, a filter's records). */
export { TemplateContext };

/** A compiled template. */
export interface CompiledTemplate {
  /** True when the source has no template syntax. */
  readonly isStatic: boolean;
  /** Renders then literal-evaluates like Airbyte (`"5"` -> 5); empty output gives the fallback or null. */
  evaluate(vars: Vars | TemplateContext, validTypes?: readonly ValidType[]): unknown;
  /** Renders to a string. */
  render(vars: Vars | TemplateContext): string;
  /** Context variables the template reads (macros excluded). */
  readonly variables: readonly string[];
  /** True when the result depends only on `config` and `parameters` (no clock, no randomness). */
  readonly configOnly: boolean;
}

const VOLATILE = /\b(now_utc|today_utc|today_with_timezone|day_delta|generate_uuid|random|lipsum|cycler)\b/;

/**
 * True when a request-time template may render differently on two pages of the same slice: it mentions
 * `next_page_token` or a clock/random macro. Every other request variable (`stream_slice` and its aliases, the
 * slice's extra fields, `config`, `parameters`) is fixed for a slice, so such templates are rendered once per
 * slice. Conservative: a mere mention counts.
 *
 * @example
 * ```ts
 * import { dependsOnPage } from "./templates.ts";
 * if (dependsOnPage("{{ stream_partition.id }}")) throw new Error("slice-only");
 * if (!dependsOnPage("{{ next_page_token['next_page_token'] }}")) throw new Error("page token");
 * if (!dependsOnPage("{{ now_utc() }}")) throw new Error("clock");
 * ```
 */
export function dependsOnPage(source: string): boolean {
  return source.includes("next_page_token") || VOLATILE.test(source);
}

/** Compiles `source`; `location` names it in template errors; `fallback` is used when it renders empty. */
export function compileTemplate(
  source: string,
  location: string,
  fallback?: unknown,
  now?: () => number,
): CompiledTemplate {
  const tpl = compile(source, { location });
  const dflt = fallback === undefined || fallback === null ? undefined : String(fallback);
  const options = now ? { now } : undefined;
  // The options of an evaluation without valid_types are the same every time: built once.
  const plain = { default: dflt, now };
  return {
    isStatic: tpl.isStatic,
    variables: tpl.variables,
    configOnly: tpl.variables.every((v) => v === "config" || v === "parameters") && !VOLATILE.test(source),
    evaluate: (vars, validTypes) =>
      tpl.evaluate(vars, validTypes === undefined ? plain : { validTypes, default: dflt, now }),
    // The reference refuses any template that mentions `stream_state` when it is evaluated; evaluate() raises
    // that config error, so rendering such a template goes through it first.
    render: source.includes("stream_state")
      ? (vars) => {
        tpl.evaluate(vars, plain);
        return tpl.render(vars, options);
      }
      : (vars) => tpl.render(vars, options),
  };
}
