/**
 * Plausible sample values generated from JSON schemas: a config that satisfies a connector spec (for dry runs
 * and smoke tests) and records shaped like a stream's schema (for fake APIs). Deterministic: the same schema
 * and seed give the same value.
 * @module
 */
import { isObject, type JsonSchema } from "../types.ts";

/** Options for {@link sampleConfig}. */
export interface SampleConfigOptions {
  /** The date every generated date/date-time value uses (default 2024-01-08T00:00:00Z). */
  date?: Date;
  /** Value used for fields marked `airbyte_secret` (the key is appended, default `canary-secret-`). */
  secretPrefix?: string;
}

const MAX_DEPTH = 12;

function typesOf(schema: { [key: string]: unknown }): string[] {
  const t = schema.type;
  if (typeof t === "string") return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === "string");
  if (isObject(schema.properties)) return ["object"];
  if (schema.items !== undefined) return ["array"];
  return [];
}

function pickType(schema: { [key: string]: unknown }): string | undefined {
  const types = typesOf(schema);
  return types.find((t) => t !== "null") ?? types[0];
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function isoDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function stringFor(
  schema: { [key: string]: unknown },
  key: string,
  date: Date,
  index: number,
): string {
  const format = typeof schema.format === "string" ? schema.format : "";
  const pattern = typeof schema.pattern === "string" ? schema.pattern : "";
  if (format === "date") return isoDate(date);
  if (format === "date-time" || format === "datetime") return isoDateTime(date);
  if (format === "uri" || format === "url") return `https://example.com/${key || "x"}/${index}`;
  if (format === "email") return `user${index}@example.com`;
  if (format === "uuid") return `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
  if (pattern) {
    if (/T.*Z|:\[0-9\]|:\\d|\{2\}:/.test(pattern) && /\d\{4\}|\[0-9\]\{4\}/.test(pattern)) {
      if (/\\.\[0-9\]|\.\\d|\\\.\\d/.test(pattern)) return date.toISOString();
      return isoDateTime(date);
    }
    if (/\[0-9\]\{4\}|\\d\{4\}/.test(pattern)) return isoDate(date);
  }
  if (/(^|_)(date|time|at)$|_date|date_|datetime|timestamp/i.test(key)) return isoDateTime(date);
  if (/(^|_)(url|uri|endpoint|base)$|^url|_url/i.test(key)) {
    return `https://${key.replace(/[^a-z0-9]/gi, "")}.example.com`;
  }
  if (/(^|_)(host|hostname|domain|server)$/i.test(key)) {
    return `${key.replace(/[^a-z0-9]/gi, "")}.example.com`;
  }
  return `${key || "value"}-${index}`;
}

interface GenOptions {
  date: Date;
  secretPrefix: string;
  config: boolean;
  index: number;
}

function generate(schema: unknown, key: string, options: GenOptions, depth: number): unknown {
  if (!isObject(schema) || depth > MAX_DEPTH) return options.config ? `${key || "value"}` : null;
  if (options.config) {
    if (schema.airbyte_secret === true) return `${options.secretPrefix}${key}`;
    if (schema.const !== undefined) return schema.const;
    if (schema.default !== undefined && !isObject(schema.default)) return schema.default;
    if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
    const generatedFormat = typeof schema.format === "string" || typeof schema.pattern === "string";
    if (
      !generatedFormat && Array.isArray(schema.examples) && schema.examples.length > 0 &&
      !isObject(schema.examples[0])
    ) {
      const example = schema.examples[0];
      if (typesOf(schema).length === 0 || typesOf(schema).includes(typeof example)) return example;
    }
  } else {
    if (schema.const !== undefined) return schema.const;
    if (Array.isArray(schema.enum) && schema.enum.length > 0) {
      return schema.enum.find((x) => x !== null) ?? schema.enum[0];
    }
  }
  const branches = [schema.oneOf, schema.anyOf].find(Array.isArray) as unknown[] | undefined;
  const type = pickType(schema);
  if (branches && branches.length > 0 && type === undefined) {
    return generate(branches[0], key, options, depth + 1);
  }
  switch (type) {
    case "object": {
      const out: { [key: string]: unknown } = {};
      const props = isObject(schema.properties) ? schema.properties : {};
      for (const [name, sub] of Object.entries(props)) {
        out[name] = generate(sub, name, options, depth + 1);
      }
      if (branches && branches.length > 0) {
        const first = generate(branches[0], key, options, depth + 1);
        if (isObject(first)) Object.assign(out, first);
      }
      return out;
    }
    case "array": {
      if (options.config && Array.isArray(schema.default)) return schema.default;
      const item = generate(schema.items, key, options, depth + 1);
      return item === null || item === undefined ? [] : [item];
    }
    case "integer":
      return options.index + 1;
    case "number":
      return options.index + 1.5;
    case "boolean":
      return options.config ? false : true;
    case "null":
      return null;
    case "string":
      return stringFor(schema, key, options.date, options.index);
    default:
      return options.config ? stringFor(schema, key, options.date, options.index) : null;
  }
}

/**
 * Builds a config that satisfies a connector spec: every property gets its default, first enum value,
 * example or a value generated from its type and format; `oneOf` objects take their first branch; secrets
 * become canary strings (`canary-secret-<key>`) so leaks are easy to detect.
 *
 * @example
 * ```ts
 * import { sampleConfig } from "./sample_data.ts";
 * const config = sampleConfig({
 *   type: "object",
 *   properties: { api_key: { type: "string", airbyte_secret: true }, start_date: { type: "string", format: "date" } },
 * });
 * if (config.api_key !== "canary-secret-api_key" || config.start_date !== "2024-01-08") throw new Error("bad");
 * ```
 */
export function sampleConfig(
  spec: JsonSchema,
  options: SampleConfigOptions = {},
): { [key: string]: unknown } {
  const value = generate(spec, "", {
    date: options.date ?? new Date(Date.UTC(2024, 0, 8)),
    secretPrefix: options.secretPrefix ?? "canary-secret-",
    config: true,
    index: 0,
  }, 0);
  return isObject(value) ? value : {};
}

/**
 * Builds a record shaped like a stream's JSON schema; `index` varies ids and strings between records.
 *
 * @example
 * ```ts
 * import { sampleRecord } from "./sample_data.ts";
 * const rec = sampleRecord({ type: "object", properties: { id: { type: ["null", "integer"] } } }, 4);
 * if (rec.id !== 5) throw new Error("bad");
 * ```
 */
export function sampleRecord(
  schema: JsonSchema,
  index = 0,
  date: Date = new Date(Date.UTC(2024, 0, 9)),
): { [key: string]: unknown } {
  const value = generate(schema, "", { date, secretPrefix: "", config: false, index }, 0);
  return isObject(value) ? value : {};
}
