/**
 * Config checks before a connector runs: the config must be a JSON object that satisfies the spec's
 * `connectionSpecification`. Like the reference (Python `jsonschema.validate`), `format` keywords are not
 * asserted; internal keys (`__injected_declarative_manifest`, `_limit`, `_page_size`) are ignored.
 * @module
 */
import { Validator } from "../_deps/json_schema.ts";
import type { OutputUnit } from "../_deps/json_schema.ts";
import { SpoutError } from "../errors.ts";
import type { Logger } from "../env.ts";
import { isObject } from "../types.ts";
import type { JsonObject, JsonSchema } from "../types.ts";

const INTERNAL_KEYS: ReadonlySet<string> = new Set([
  "__injected_declarative_manifest",
  "_limit",
  "_page_size",
]);

/** Removes `format` assertions (string-valued `format` keys) from a schema copy. */
function withoutFormats(schema: unknown, depth = 0): unknown {
  if (depth > 64) return schema;
  if (Array.isArray(schema)) return schema.map((item) => withoutFormats(item, depth + 1));
  if (!isObject(schema)) return schema;
  const out: { [key: string]: unknown } = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "format" && typeof value === "string") continue;
    out[key] = withoutFormats(value, depth + 1);
  }
  return out;
}

const WRAPPER_KEYWORDS: ReadonlySet<string> = new Set([
  "properties",
  "items",
  "allOf",
  "anyOf",
  "oneOf",
  "$ref",
  "additionalProperties",
  "patternProperties",
  "if",
  "then",
  "else",
  "dependentSchemas",
  "unevaluatedProperties",
  "prefixItems",
]);

function describe(unit: OutputUnit): string {
  const path = unit.instanceLocation.replace(/^#\/?/, "").split("/").filter((p) => p !== "")
    .map((p) => decodeURIComponent(p).replace(/~1/g, "/").replace(/~0/g, "~"));
  const where = path.length === 0 ? "config" : `config.${path.join(".")}`;
  return `${where}: ${unit.error}`;
}

/** Drops keys the platform or tooling adds and the spec does not describe. */
export function userConfig(config: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(config)) if (!INTERNAL_KEYS.has(key)) out[key] = value;
  return out;
}

/**
 * Lists what is wrong with `config` against `connectionSpecification` (empty when valid). A schema the
 * validator cannot interpret is reported through `log` and treated as valid rather than blocking the run.
 *
 * @example
 * ```ts
 * import { configProblems } from "./config.ts";
 * const schema = { type: "object", required: ["api_key"], properties: { api_key: { type: "string" } } };
 * const problems = configProblems({}, schema);
 * if (problems.length !== 1 || !problems[0].includes("api_key")) throw new Error(problems.join());
 * ```
 */
export function configProblems(
  config: JsonObject,
  connectionSpecification: JsonSchema,
  log?: Logger,
): string[] {
  if (!isObject(connectionSpecification) || Object.keys(connectionSpecification).length === 0) return [];
  let result;
  try {
    const schema = withoutFormats(connectionSpecification) as JsonSchema;
    result = new Validator(schema, "7", false).validate(userConfig(config));
  } catch (error) {
    log?.("WARN", `config was not validated: the spec's schema could not be interpreted (${String(error)})`);
    return [];
  }
  if (result.valid) return [];
  // Prefer leaf errors (e.g. "type", "required") over the wrappers that only say a child failed.
  const leaves = result.errors.filter((unit) => !WRAPPER_KEYWORDS.has(unit.keyword));
  const chosen = leaves.length > 0 ? leaves : result.errors;
  return [...new Set(chosen.map(describe))];
}

/** Throws a `config_invalid` {@link SpoutError} listing the problems, if any. */
export function assertValidConfig(
  config: JsonObject,
  connectionSpecification: JsonSchema,
  log?: Logger,
): void {
  const problems = configProblems(config, connectionSpecification, log);
  if (problems.length === 0) return;
  const shown = problems.slice(0, 5).join("; ") +
    (problems.length > 5 ? `; and ${problems.length - 5} more` : "");
  throw new SpoutError("config_invalid", `Config validation error: ${shown}. Fix the config file and retry.`);
}
