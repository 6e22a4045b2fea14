/**
 * Custom components of the corpus manifest `source-google-analytics-data-api.yaml` (unchanged), in
 * TypeScript.
 *
 * `KeyValueExtractor`: the `keys_extractor` values (e.g. the metric header names) name a record's fields, the
 * flat `values_extractor` list fills them in order, one record per full chunk; the first null value (or a
 * short last chunk) ends the records. (No keys yields no records; the reference would loop forever.)
 *
 * `CombinedExtractor`: the n-th records of every nested extractor merged into one (as many records as the
 * shortest extractor gives).
 *
 * `DimensionFilterConfigTransformation`: each custom report's `dimensionFilter` from the spec's form shape
 * (`filter_type`, `field_name`, `filter_name`, …) to the Data API's (`andGroup`/`orGroup`/`notExpression`/
 * `filter` with `stringFilter`, `inListFilter`, `numericFilter`, `betweenFilter`).
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";
import { isObject, type JsonObject, type JsonValue } from "../../src/types.ts";

type Obj = { [key: string]: JsonValue };

function obj(value: unknown): Obj {
  return isObject(value) ? value as Obj : {};
}

function first(value: unknown): JsonValue {
  if (Array.isArray(value)) return value[0] as JsonValue;
  if (typeof value === "string") return value[0] ?? null;
  return null;
}

function stringFilter(filter: Obj): Obj {
  const out: Obj = { value: filter.value ?? null };
  if ("matchType" in filter) out.matchType = first(filter.matchType);
  if ("caseSensitive" in filter) out.caseSensitive = filter.caseSensitive;
  return { stringFilter: out };
}

function inListFilter(filter: Obj): Obj {
  const out: Obj = { values: filter.values ?? null };
  if ("caseSensitive" in filter) out.caseSensitive = filter.caseSensitive;
  return { inListFilter: out };
}

function numericFilter(filter: Obj): Obj {
  const value = obj(filter.value);
  const out: Obj = { value: { [String(value.value_type)]: value.value ?? null } };
  if ("operation" in filter) out.operation = first(filter.operation);
  return { numericFilter: out };
}

function betweenFilter(filter: Obj): Obj {
  const from = obj(filter.fromValue);
  const to = obj(filter.toValue);
  for (const v of [from, to]) {
    if (v.value_type === "doubleValue" && typeof v.value === "string") v.value = Number(v.value);
  }
  return {
    betweenFilter: {
      fromValue: { [String(from.value_type)]: from.value ?? null },
      toValue: { [String(to.value_type)]: to.value ?? null },
    },
  };
}

function expression(input: unknown): Obj {
  const e = obj(input);
  const filter = obj(e.filter);
  const out: Obj = { fieldName: e.field_name ?? null };
  const name = filter.filter_name;
  const parts = name === "stringFilter"
    ? stringFilter(filter)
    : name === "inListFilter"
    ? inListFilter(filter)
    : name === "numericFilter"
    ? numericFilter(filter)
    : name === "betweenFilter"
    ? betweenFilter(filter)
    : {};
  return { filter: { ...out, ...parts } };
}

/**
 * One `dimensionFilter` in the Data API's shape.
 *
 * @example
 * ```ts
 * import { dimensionFilter } from "./components.ts";
 * const f = dimensionFilter({
 *   filter_type: "andGroup",
 *   expressions: [{ field_name: "country", filter: { filter_name: "inListFilter", values: ["FR"] } }],
 * });
 * if (JSON.stringify(f) !== '{"andGroup":{"expressions":[{"filter":{"fieldName":"country","inListFilter":{"values":["FR"]}}}]}}') {
 *   throw new Error(JSON.stringify(f));
 * }
 * ```
 */
export function dimensionFilter(input: unknown): Obj {
  const filter = obj(input);
  const type = filter.filter_type;
  if (type === "andGroup" || type === "orGroup") {
    const expressions = Array.isArray(filter.expressions) ? filter.expressions.map(expression) : [];
    return expressions.length ? { [type]: { expressions } } : {};
  }
  if (type === "notExpression") return { notExpression: expression(filter.expression) };
  if (type === "filter") return expression(filter);
  return {};
}

/**
 * Records from a key list and a flat value list (see the module doc).
 *
 * @example
 * ```ts
 * import { zipKeyValues } from "./components.ts";
 * const r = zipKeyValues(["d", "n"], ["20231001", "5", "20231002", "7", "20231003"]);
 * if (JSON.stringify(r) !== '[{"d":"20231001","n":"5"},{"d":"20231002","n":"7"}]') throw new Error();
 * ```
 */
export function zipKeyValues(
  keys: readonly unknown[],
  values: readonly unknown[],
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (keys.length === 0) return out;
  for (let i = 0; i + keys.length <= values.length; i += keys.length) {
    const chunk = values.slice(i, i + keys.length);
    if (chunk.some((v) => v === null || v === undefined)) break;
    const record: Record<string, unknown> = {};
    keys.forEach((k, j) => (record[String(k)] = chunk[j]));
    out.push(record);
  }
  return out;
}

/** The registry passed with `--components connectors/source-google-analytics-data-api/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.KeyValueExtractor": {
    kind: "record_extractor",
    create(options, ctx) {
      const keys = ctx.build("record_extractor", options.keys_extractor, "keys_extractor");
      const values = ctx.build("record_extractor", options.values_extractor, "values_extractor");
      return (document) => zipKeyValues(keys(document), values(document));
    },
  },
  "source_declarative_manifest.components.CombinedExtractor": {
    kind: "record_extractor",
    create(options, ctx) {
      const extractors = (Array.isArray(options.extractors) ? options.extractors : []).map((e, i) =>
        ctx.build("record_extractor", e, `extractors.${i}`)
      );
      return (document) => {
        const lists = extractors.map((extract) => [...extract(document)]);
        const count = lists.length ? Math.min(...lists.map((l) => l.length)) : 0;
        const out: Record<string, unknown>[] = [];
        for (let i = 0; i < count; i++) {
          const merged: Record<string, unknown> = {};
          for (const list of lists) Object.assign(merged, isObject(list[i]) ? list[i] : {});
          out.push(merged);
        }
        return out;
      };
    },
  },
  "source_declarative_manifest.components.DimensionFilterConfigTransformation": {
    kind: "config_transformation",
    create: () => (config: JsonObject) => {
      const reports = Array.isArray(config.custom_reports_array) ? config.custom_reports_array : [];
      for (const report of reports) {
        if (isObject(report) && "dimensionFilter" in report) {
          report.dimensionFilter = dimensionFilter(report.dimensionFilter);
        }
      }
    },
  },
});

export default components;
