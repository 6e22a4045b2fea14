/**
 * JSON schema inference from sample records, for pasting into a manifest's `InlineSchemaLoader`: types (with
 * `null` when a field was null or missing in some sample), nested objects and arrays, and `format`
 * (`date-time`, `date`, `email`, `uri`) when every non-null sample of a string field matches.
 * @module
 */
import type { JsonSchema } from "../types.ts";

type JsonType = "null" | "boolean" | "integer" | "number" | "string" | "object" | "array";

const FORMATS: [string, RegExp][] = [
  ["date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i],
  ["date", /^\d{4}-\d{2}-\d{2}$/],
  ["email", /^[^@\s]+@[^@\s]+\.[^@\s]+$/],
  ["uri", /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i],
];
const MAX_DEPTH = 32;

class Node {
  types = new Set<JsonType>();
  formats: Set<string> | undefined;
  properties = new Map<string, Node>();
  objects = 0;
  present = new Map<string, number>();
  items: Node | undefined;

  add(value: unknown, depth: number): void {
    if (value === null || value === undefined) {
      this.types.add("null");
      return;
    }
    if (typeof value === "boolean") this.types.add("boolean");
    else if (typeof value === "number" || typeof value === "bigint") {
      this.types.add(Number.isInteger(Number(value)) ? "integer" : "number");
    } else if (typeof value === "string") {
      this.types.add("string");
      const matching = FORMATS.filter(([, re]) => re.test(value)).map(([name]) => name);
      if (this.formats === undefined) this.formats = new Set(matching);
      else for (const f of [...this.formats]) if (!matching.includes(f)) this.formats.delete(f);
    } else if (Array.isArray(value)) {
      this.types.add("array");
      this.items ??= new Node();
      if (depth < MAX_DEPTH) { for (const item of value) this.items.add(item, depth + 1); }
    } else if (typeof value === "object") {
      this.types.add("object");
      this.objects++;
      if (depth >= MAX_DEPTH) return;
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        let node = this.properties.get(key);
        if (!node) {
          node = new Node();
          this.properties.set(key, node);
        }
        node.add(child, depth + 1);
        this.present.set(key, (this.present.get(key) ?? 0) + 1);
      }
    }
  }

  schema(nullable: boolean): JsonSchema {
    const types = new Set(this.types);
    if (types.has("integer") && types.has("number")) types.delete("integer");
    if (nullable) types.add("null");
    const order: JsonType[] = ["null", "boolean", "integer", "number", "string", "object", "array"];
    const list = order.filter((t) => types.has(t));
    const out: JsonSchema = {};
    if (list.length === 1) out.type = list[0];
    else if (list.length > 1) out.type = list;
    if (types.has("string") && this.formats && this.formats.size > 0) {
      out.format = [...FORMATS.map(([name]) => name)].find((name) => this.formats!.has(name));
    }
    if (types.has("object")) {
      const properties: Record<string, JsonSchema> = {};
      for (const [key, node] of this.properties) {
        properties[key] = node.schema((this.present.get(key) ?? 0) < this.objects);
      }
      out.properties = properties;
    }
    if (types.has("array")) {
      out.items = this.items && this.items.types.size > 0 ? this.items.schema(false) : {};
    }
    return out;
  }
}

/**
 * Accumulates records and produces a schema. Feed it records with {@link SchemaInferrer.add}.
 *
 * @example
 * ```ts
 * import { SchemaInferrer } from "./infer_schema.ts";
 * const inferrer = new SchemaInferrer();
 * inferrer.add({ id: 1, at: "2024-01-01T00:00:00Z", tags: ["a"] });
 * inferrer.add({ id: 2, at: null, tags: [] });
 * const schema = inferrer.schema() as { properties: Record<string, { type: unknown; format?: string }> };
 * if (schema.properties.id.type !== "integer") throw new Error("id");
 * if (JSON.stringify(schema.properties.at.type) !== '["null","string"]') throw new Error("nullable");
 * if (schema.properties.at.format !== "date-time") throw new Error("format");
 * ```
 */
export class SchemaInferrer {
  #root = new Node();
  #count = 0;

  /** Adds one sample record. */
  add(record: unknown): void {
    this.#root.add(record, 0);
    this.#count++;
  }

  /** Number of records added. */
  get count(): number {
    return this.#count;
  }

  /** The inferred schema of a record (a draft-07 object schema with `additionalProperties: true`). */
  schema(): JsonSchema {
    const inner = this.#root.schema(false);
    return {
      $schema: "http://json-schema.org/draft-07/schema#",
      type: "object",
      additionalProperties: true,
      properties: (inner.properties as JsonSchema | undefined) ?? {},
    };
  }
}

/**
 * Infers a schema from a list of records.
 *
 * @example
 * ```ts
 * import { inferSchema } from "./infer_schema.ts";
 * const schema = inferSchema([{ n: 1 }, { n: 1.5, extra: "x@example.com" }]) as { properties: Record<string, { type: unknown; format?: string }> };
 * if (schema.properties.n.type !== "number") throw new Error("integer widened to number");
 * if (schema.properties.extra.format !== "email") throw new Error("email");
 * ```
 */
export function inferSchema(records: Iterable<unknown>): JsonSchema {
  const inferrer = new SchemaInferrer();
  for (const record of records) inferrer.add(record);
  return inferrer.schema();
}
