/**
 * Custom components of the corpus manifest `source-instagram.yaml` (unchanged), in TypeScript.
 *
 * - `InstagramClearUrlTransformation`: drops the volatile `_nc_rid` query parameter of `media_url` and `ccb`
 *   of `profile_picture_url` (the query re-encoded like Python's `urlencode(parse_qs(...), doseq=True)`).
 * - `InstagramInsightsTransformation`: an insights `data` list becomes one field per metric name.
 * - `InstagramBreakDownResultsTransformation`: `total_value.breakdowns[0].results` becomes
 *   `value: {dimension value: value}`.
 * - `UserInsightsExtractor`: one record per response from the `field_path` list: each metric under its name
 *   (`_week`/`_days_28` appended for those periods), `date` from the first value's `end_time`.
 * - `UserInsightsSubstreamPartitionRouter`: the account partitions keep only `business_account_id`; the
 *   `page_id` moves to the slice's extra fields (the Python connector's per-partition state shape).
 * - `RFC3339DatetimeSchemaNormalization`: `date-time` fields typed `timestamp_with_timezone` in RFC 3339
 *   (`2025-01-01T07:00:00+0000` -> `2025-01-01T07:00:00+00:00`).
 * - `InstagramMediaChildrenTransformation`: records without `children` pass unchanged. The reference fetches
 *   every child media from the Graph API inside the transformation; spout's transformations are synchronous,
 *   so a record with children fails the read with a clear error until asynchronous transformations exist.
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";
import { SpoutError } from "../../src/errors.ts";
import type { StreamSlice } from "../../src/source/types.ts";
import { isObject, type JsonSchema, type RecordData } from "../../src/types.ts";
import { toRfc3339 } from "../_shared/ab_datetime.ts";
import { urlencode } from "../_shared/py_url.ts";

type Obj = { [key: string]: unknown };

/**
 * `url` without the query parameters `names` (Python's `parse_qs` + `urlencode(doseq=True)`: repeated keys
 * grouped at their first position, values re-encoded with `quote_plus`).
 *
 * @example
 * ```ts
 * import { removeParams } from "./components.ts";
 * const u = removeParams("https://cdn.test/a.jpg?x=1&_nc_rid=z&y=a%20b&x=2", ["_nc_rid"]);
 * if (u !== "https://cdn.test/a.jpg?x=1&x=2&y=a+b") throw new Error(u);
 * ```
 */
export function removeParams(url: string, names: readonly string[]): string {
  const q = url.indexOf("?");
  const h = url.indexOf("#", q < 0 ? 0 : q);
  const base = q < 0 ? (h < 0 ? url : url.slice(0, h)) : url.slice(0, q);
  const fragment = h < 0 ? "" : url.slice(h);
  const query = q < 0 ? "" : url.slice(q + 1, h < 0 ? undefined : h);
  const grouped = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(query)) {
    if (names.includes(k)) continue;
    const list = grouped.get(k) ?? [];
    list.push(v);
    grouped.set(k, list);
  }
  const pairs = [...grouped].flatMap(([k, vs]) => vs.map((v) => [k, v] as const));
  const encoded = urlencode(pairs);
  return `${base}${encoded ? `?${encoded}` : ""}${fragment}`;
}

function clearUrls(record: RecordData): RecordData {
  if (typeof record.media_url === "string" && record.media_url) {
    record.media_url = removeParams(record.media_url, ["_nc_rid"]);
  }
  if (typeof record.profile_picture_url === "string" && record.profile_picture_url) {
    record.profile_picture_url = removeParams(record.profile_picture_url, ["ccb"]);
  }
  return record;
}

function firstValue(entry: unknown): Obj {
  const values = isObject(entry) && Array.isArray(entry.values) ? entry.values : [];
  return isObject(values[0]) ? values[0] : {};
}

/**
 * The user insights record of one response's metric list.
 *
 * @example
 * ```ts
 * import { userInsightsRecord } from "./components.ts";
 * const r = userInsightsRecord([
 *   { name: "reach", period: "week", values: [{ value: 5, end_time: "2024-01-02T08:00:00+0000" }] },
 *   { name: "follower_count", period: "day", values: [{ value: 9, end_time: "x" }] },
 * ]);
 * if (JSON.stringify(r) !== '{"reach_week":5,"date":"2024-01-02T08:00:00+0000","follower_count":9}') {
 *   throw new Error(JSON.stringify(r));
 * }
 * ```
 */
export function userInsightsRecord(results: readonly unknown[]): Obj {
  const record: Obj = {};
  for (const result of results) {
    const r = isObject(result) ? result : {};
    let key = String(r.name);
    if (r.period === "week" || r.period === "days_28") key += `_${r.period}`;
    const first = firstValue(r);
    record[key] = first.value ?? null;
    if (!("date" in record)) record.date = first.end_time ?? null;
  }
  return record;
}

function rfc3339Value(value: unknown, schema: Obj): unknown {
  if (!value || schema.format !== "date-time" || schema.airbyte_type !== "timestamp_with_timezone") {
    return value;
  }
  return toRfc3339(value);
}

/**
 * Applies the RFC 3339 normalisation to every value under `properties`/`items` (local `$ref`s followed), with
 * no default type casting (the reference's TypeTransformer runs only its custom function here).
 *
 * @example
 * ```ts
 * import { normalizeRfc3339 } from "./components.ts";
 * const schema = { type: "object", properties: { t: { type: "string", format: "date-time", airbyte_type: "timestamp_with_timezone" }, n: { type: "integer" } } };
 * const r = normalizeRfc3339(schema)({ t: "2025-01-01T07:00:00+0000", n: "5" });
 * if (JSON.stringify(r) !== '{"t":"2025-01-01T07:00:00+00:00","n":"5"}') throw new Error(JSON.stringify(r));
 * ```
 */
export function normalizeRfc3339(schema: JsonSchema): (record: RecordData) => RecordData {
  const root = schema as Obj;
  const resolve = (sub: Obj, depth: number): Obj => {
    if (typeof sub.$ref !== "string" || !sub.$ref.startsWith("#") || depth > 32) return sub;
    let node: unknown = root;
    for (const key of sub.$ref.slice(1).split("/").filter(Boolean)) {
      node = isObject(node) ? node[key] : undefined;
    }
    return isObject(node) ? resolve(node, depth + 1) : sub;
  };
  const walk = (value: unknown, sub: Obj, depth: number): void => {
    if (depth > 64) return;
    const s = resolve(sub, 0);
    if (isObject(value) && isObject(s.properties)) {
      for (const [key, propSchema] of Object.entries(s.properties)) {
        if (!(key in value) || !isObject(propSchema)) continue;
        const target = resolve(propSchema, 0);
        value[key] = rfc3339Value(value[key], target) as RecordData[string];
        walk(value[key], target, depth + 1);
      }
    } else if (Array.isArray(value) && isObject(s.items)) {
      const items = resolve(s.items, 0);
      value.forEach((item, i) => {
        value[i] = rfc3339Value(item, items);
        walk(value[i], items, depth + 1);
      });
    }
  };
  return (record) => {
    walk(record, root, 0);
    return record;
  };
}

/** The registry passed with `--components connectors/source-instagram/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.InstagramClearUrlTransformation": {
    kind: "transformation",
    create: () => clearUrls,
  },
  "source_declarative_manifest.components.InstagramMediaChildrenTransformation": {
    kind: "transformation",
    create: () => (record) => {
      const children = record.children;
      if (!isObject(children) || Object.keys(children).length === 0) return record;
      throw new SpoutError(
        "manifest_unsupported",
        "InstagramMediaChildrenTransformation: fetching the children of a carousel media needs an asynchronous " +
          "transformation, which spout does not support yet",
      );
    },
  },
  "source_declarative_manifest.components.InstagramInsightsTransformation": {
    kind: "transformation",
    create: () => (record) => {
      const data = record.data;
      if (!(Array.isArray(data) ? data.length : data)) return;
      delete record.data;
      for (const insight of Array.isArray(data) ? data : []) {
        if (isObject(insight)) {
          record[String(insight.name)] = (firstValue(insight).value ?? null) as RecordData[string];
        }
      }
    },
  },
  "source_declarative_manifest.components.InstagramBreakDownResultsTransformation": {
    kind: "transformation",
    create: () => (record) => {
      if (!("total_value" in record)) throw new Error("KeyError: 'total_value'");
      const total = record.total_value as Obj;
      delete record.total_value;
      const breakdowns = isObject(total) && Array.isArray(total.breakdowns) ? total.breakdowns : [];
      const results = isObject(breakdowns[0]) && Array.isArray(breakdowns[0].results)
        ? breakdowns[0].results
        : [];
      const value: Obj = {};
      for (const res of results) {
        if (!isObject(res)) continue;
        const dims = Array.isArray(res.dimension_values) ? res.dimension_values : [""];
        value[String(dims[0])] = res.value ?? null;
      }
      record.value = value as RecordData[string];
    },
  },
  "source_declarative_manifest.components.UserInsightsExtractor": {
    kind: "record_extractor",
    create(options, ctx) {
      const path = (Array.isArray(options.field_path) ? options.field_path : []).map((p) =>
        ctx.template(p).render()
      );
      const extract = ctx.build("record_extractor", { type: "DpathExtractor", field_path: path });
      return (document) => {
        let results: unknown[];
        if (path.length === 0) results = Array.isArray(document) ? document : [];
        else if (path.includes("*")) results = extract(document);
        else {
          let node: unknown = document;
          for (const key of path) node = isObject(node) ? node[key] : undefined;
          if (Array.isArray(node)) results = node;
          else if (node) {
            throw new Error("field_path should always point towards a list field in the response body");
          } else results = [];
        }
        return [userInsightsRecord(results)];
      };
    },
  },
  "source_declarative_manifest.components.UserInsightsSubstreamPartitionRouter": {
    kind: "partition_router",
    create(options, ctx) {
      const router = ctx.build("partition_router", { ...options, type: "SubstreamPartitionRouter" });
      return {
        async *partitions(read, parentState, childState) {
          if (!router) return;
          for await (
            const s of router.partitions(read, parentState, childState) as AsyncIterable<StreamSlice>
          ) {
            const account = isObject(s.partition.business_account_id) ? s.partition.business_account_id : {};
            yield {
              partition: { business_account_id: account.business_account_id ?? null },
              cursor_slice: s.cursor_slice,
              extra_fields: { page_id: account.page_id ?? null },
            };
          }
        },
        parentState: () => router?.parentState?.(),
      };
    },
  },
  "source_declarative_manifest.components.RFC3339DatetimeSchemaNormalization": {
    kind: "schema_normalization",
    create: () => normalizeRfc3339,
  },
});

export default components;
