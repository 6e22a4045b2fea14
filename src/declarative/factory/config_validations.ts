/**
 * `config_normalization_rules.validations`: DpathValidator and PredicateValidator with a
 * `ValidateAdheresToSchema` (built in) or `CustomValidationStrategy` (registered TypeScript component)
 * strategy, run on the migrated and transformed config before any stream is built, as the reference does.
 *
 * Reference semantics kept: DpathValidator field paths are interpolated without config; a path the config
 * does not have skips the validation; `*` validates every match; a string value is parsed as JSON before a
 * schema check (invalid JSON fails); schemas are checked without `format` assertions, draft from `$schema`
 * (default 2020-12) — so a plain string value that is not JSON (`eu`) always fails a schema check, as in the
 * reference. Deliberate differences: a failure is a `config_error` naming the validation (the
 * reference raises a bare ValueError); a PredicateValidator validates its interpolated `value` (the
 * reference's crashes with a TypeError whenever one is listed); a `base_schema` given as a string is
 * interpolated and parsed as JSON (the reference cannot use one).
 * @module
 */
import { Validator } from "../../_deps/json_schema.ts";
import { SpoutError } from "../../errors.ts";
import { getPath, valuesAt } from "../../extract/dpath.ts";
import { isObject, type JsonObject } from "../../types.ts";
import { customComponent, isCustomComponent } from "../components_factory.ts";
import {
  type Component,
  type ComponentPath,
  type FactoryContext,
  interpolated,
  invalid,
  locate,
  paramsOf,
} from "./context.ts";

type Strategy = (value: unknown) => void;

const MISSING = Symbol("missing");

function withoutFormats(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutFormats);
  if (!isObject(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) {
    // python-jsonschema does not assert formats unless asked to
    if (k === "format" && typeof v === "string") continue;
    out[k] = withoutFormats(v);
  }
  return out;
}

function draftOf(schema: Record<string, unknown>): "4" | "7" | "2019-09" | "2020-12" {
  const id = typeof schema.$schema === "string" ? schema.$schema : "";
  if (id.includes("draft-04") || id.includes("draft-03")) return "4";
  if (id.includes("draft-06") || id.includes("draft-07")) return "7";
  if (id.includes("2019-09")) return "2019-09";
  return "2020-12";
}

function adheresToSchema(ctx: FactoryContext, c: Component, path: ComponentPath): Strategy {
  let schema: unknown = c.base_schema;
  if (typeof schema === "string") {
    const text = interpolated(ctx, schema, paramsOf(c), [...path, "base_schema"]).render({});
    try {
      schema = JSON.parse(text);
    } catch {
      return invalid(ctx, [...path, "base_schema"], "base_schema is not a JSON schema (invalid JSON)");
    }
  }
  if (!isObject(schema) && typeof schema !== "boolean") {
    return invalid(ctx, [...path, "base_schema"], "ValidateAdheresToSchema needs a base_schema object");
  }
  const validator = new Validator(
    withoutFormats(schema) as never,
    isObject(schema) ? draftOf(schema) : "2020-12",
    false,
  );
  return (input) => {
    let value = input;
    if (typeof value === "string") {
      try {
        value = JSON.parse(value);
      } catch {
        throw new Error("Invalid JSON string");
      }
    }
    const result = validator.validate(value);
    if (result.valid) return;
    const leaf =
      result.errors.find((e) => !["properties", "items", "allOf", "anyOf", "oneOf"].includes(e.keyword)) ??
        result.errors[0];
    throw new Error(`JSON schema validation error: ${leaf.instanceLocation} ${leaf.error}`);
  };
}

function strategyOf(ctx: FactoryContext, c: unknown, path: ComponentPath): Strategy {
  if (!isObject(c)) return invalid(ctx, path, "a validator needs a validation_strategy");
  if (isCustomComponent(c)) return customComponent(ctx, c, path, "validation_strategy");
  if (c.type === "ValidateAdheresToSchema") return adheresToSchema(ctx, c, path);
  return invalid(ctx, path, `validation strategy ${String(c.type)} is not supported`);
}

/** The values one validator checks in `config` (none when a DpathValidator's path is absent). */
function valuesOf(ctx: FactoryContext, v: Component, config: JsonObject, path: ComponentPath): unknown[] {
  if (v.type === "PredicateValidator") {
    return [interpolated({ ...ctx, config }, v.value, paramsOf(v), [...path, "value"]).eval({})];
  }
  const raw = Array.isArray(v.field_path) ? v.field_path : [];
  if (raw.length === 0) return invalid(ctx, [...path, "field_path"], "Field path is empty");
  // the reference evaluates each segment (an InterpolatedString, literal-evaluated: '"a"' is a) with an empty
  // config; a segment that evaluates to a non-string (an int) keeps its text here
  const segments = raw.map((s, i) => {
    const segment = interpolated({ ...ctx, config: {} }, s, {}, [...path, "field_path", i]);
    const value = segment.eval({});
    return typeof value === "string" ? value : segment.render({});
  });
  if (segments.includes("*")) return valuesAt(config, segments);
  const value = getPath(config, segments, MISSING);
  return value === MISSING ? [] : [value];
}

/**
 * Runs the manifest's config validations on `config`; throws a `config_error` naming the failing one.
 *
 * @example
 * ```ts
 * import { validateConfig } from "./config_validations.ts";
 * const ctx = { config: {}, components: {}, streamCache: new Map() };
 * const rules = [{
 *   type: "DpathValidator",
 *   field_path: ["page_size"],
 *   validation_strategy: { type: "ValidateAdheresToSchema", base_schema: { type: "integer", maximum: 100 } },
 * }];
 * validateConfig(ctx, { page_size: 50 }, rules, ["validations"]);
 * let failed = false;
 * try { validateConfig(ctx, { page_size: 500 }, rules, ["validations"]); } catch { failed = true; }
 * if (!failed) throw new Error("expected a config error");
 * ```
 */
export function validateConfig(
  ctx: FactoryContext,
  config: JsonObject,
  validations: unknown,
  path: ComponentPath,
): void {
  if (!Array.isArray(validations)) return;
  validations.forEach((v, i) => {
    const at = [...path, i];
    if (!isObject(v)) return invalid(ctx, at, "expected a validator");
    if (v.type !== "DpathValidator" && v.type !== "PredicateValidator") {
      return invalid(ctx, at, `validator ${String(v.type)} is not supported`);
    }
    const check = strategyOf({ ...ctx, config }, v.validation_strategy, [...at, "validation_strategy"]);
    for (const value of valuesOf(ctx, v, config, at)) {
      try {
        check(value);
      } catch (error) {
        if (error instanceof SpoutError && error.code !== "config_error") throw error;
        const reason = error instanceof Error ? error.message : String(error);
        throw new SpoutError("config_error", `config validation failed (${locate(ctx, at)}): ${reason}`, {
          cause: error,
        });
      }
    }
  });
}
