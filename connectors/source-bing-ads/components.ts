/**
 * Custom components of the corpus manifest `source-bing-ads.yaml` (unchanged), in TypeScript.
 *
 * - `DuplicatedRecordsFilter`: with `account_names` predicates the same account can match twice; each `Id` is
 *   kept once per read (no filtering without predicates).
 * - `BingAdsCampaignsRecordTransformer`: campaign `Settings` wrapped as `{Setting: [...]}` (`Details` as
 *   `{TargetSettingDetail: ...}`, empty lists -> null, `*Id` strings -> integers, `PageFeedIds` ->
 *   `{long: [...]}`); `BiddingScheme` numbers are left as they are (see the README).
 * - `BulkDatetimeToRFC3339`: bulk `Modified Time` `04/27/2023 18:00:14.970` -> `2023-04-27T18:00:14.970+00:00`.
 * - `BulkStreamsStateMigration`: a legacy bulk state whose top-level `Modified Time` is null keeps only its
 *   object values (the per-account states).
 * - `LightSubstreamPartitionRouter`: a SubstreamPartitionRouter whose partitions drop `parent_slice` (one key
 *   left, else an error), so legacy per-account states match.
 * - `CustomReportSchemaLoader`: a schema of nullable string columns (`reporting_columns`, plus the period
 *   columns of `DayOfWeek`/`HourOfDay` aggregations).
 * - `CustomReportTransformation`: hourly `TimePeriod` `2023-11-04|11` -> `2023-11-04T11:00:00+00:00`;
 *   `DayOfWeek`/`HourOfDay` rows get the slice's start/end and the period column.
 * - `BingAdsGzipCsvDecoder`: CSV (UTF-8, BOM dropped), gzip-compressed or not (detected by the magic bytes, as
 *   Azure Blob downloads carry no encoding header); a body that fails to parse yields one `{}`.
 * @module
 */
import { defineComponents, type StateMigration } from "../../src/declarative/components.ts";
import { csvDecoder } from "../../src/extract/decoders/csv.ts";
import type { Decoder } from "../../src/extract/decoders/types.ts";
import type { PartitionRouter } from "../../src/partition/types.ts";
import type { StreamSlice } from "../../src/source/types.ts";
import { isObject, type JsonObject, type RecordData } from "../../src/types.ts";

type Obj = { [key: string]: unknown };

function settingValue(key: string, value: unknown): unknown {
  if (Array.isArray(value) && value.length === 0) return null;
  if (key === "PageFeedIds") {
    if (!Array.isArray(value) || value.length === 0) return value;
    const ids: number[] = [];
    for (const id of value) {
      if (typeof id !== "string") continue;
      if (!/^\s*[+-]?\d+(_\d+)*\s*$/.test(id)) return value;
      ids.push(Number(id.replaceAll("_", "")));
    }
    return { long: ids };
  }
  if (key.endsWith("Id") && typeof value === "string" && /^\s*[+-]?\d+(_\d+)*\s*$/.test(value)) {
    return Number(value.replaceAll("_", ""));
  }
  return value;
}

/**
 * The campaign record transformation.
 *
 * @example
 * ```ts
 * import { transformCampaign } from "./components.ts";
 * const r = transformCampaign({
 *   Settings: [{ Type: "Target", Details: [{ x: 1 }], PageFeedIds: ["12", "34"], ListId: "7", Empty: [] }],
 * });
 * const want = '{"Settings":{"Setting":[{"Type":"Target","Details":{"TargetSettingDetail":[{"x":1}]},' +
 *   '"PageFeedIds":{"long":[12,34]},"ListId":7,"Empty":null}]}}';
 * if (JSON.stringify(r) !== want) throw new Error(JSON.stringify(r));
 * ```
 */
export function transformCampaign(record: RecordData): RecordData {
  const settings = record.Settings;
  if (Array.isArray(settings) && settings.length > 0) {
    record.Settings = {
      Setting: settings.map((setting) => {
        if (!isObject(setting)) return setting;
        const out: Obj = {};
        if ("Details" in setting && setting.Details !== null && setting.Details !== undefined) {
          out.Type = setting.Type ?? null;
          out.Details = { TargetSettingDetail: setting.Details };
          for (const [k, v] of Object.entries(setting)) {
            if (k !== "Type" && k !== "Details") out[k] = settingValue(k, v);
          }
        } else {
          for (const [k, v] of Object.entries(setting)) out[k] = settingValue(k, v);
        }
        return out;
      }),
    } as RecordData[string];
  }
  // BiddingScheme: the reference turns whole numbers into floats (5 -> 5.0); a JavaScript number is the same
  // value either way, so nothing changes here (the JSON output writes 5)
  return record;
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/**
 * `%m/%d/%Y %H:%M:%S.%f` (UTC) -> RFC 3339 with milliseconds, or undefined when it does not parse.
 *
 * @example
 * ```ts
 * import { bulkDatetime } from "./components.ts";
 * if (bulkDatetime("04/27/2023 18:00:14.970") !== "2023-04-27T18:00:14.970+00:00") throw 1;
 * if (bulkDatetime("4/7/2023 8:0:1.5") !== "2023-04-07T08:00:01.500+00:00") throw 2;
 * if (bulkDatetime("2023-04-27") !== undefined) throw 3;
 * ```
 */
export function bulkDatetime(value: string): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{1,2}):(\d{1,2})\.(\d{1,6})$/.exec(value);
  if (!m) return undefined;
  const [mo, d, y, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));
  date.setUTCFullYear(y);
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return undefined;
  }
  const ms = m[7].padEnd(6, "0").slice(0, 3);
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}.${ms}+00:00`;
}

/**
 * `%Y-%m-%d|%H` -> `YYYY-MM-DDTHH:00:00+00:00`; throws when it does not parse (as the reference does).
 *
 * @example
 * ```ts
 * import { hourlyPeriod } from "./components.ts";
 * if (hourlyPeriod("2023-11-04|11") !== "2023-11-04T11:00:00+00:00") throw new Error();
 * ```
 */
export function hourlyPeriod(value: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})\|(\d{1,2})$/.exec(value);
  const [y, mo, d, h] = m ? [m[1], m[2], m[3], m[4]].map(Number) : [0, 0, 0, 99];
  const date = new Date(Date.UTC(2000, mo - 1, d));
  date.setUTCFullYear(y);
  if (!m || h > 23 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    throw new Error(`time data '${value}' does not match format '%Y-%m-%d|%H'`);
  }
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:00:00+00:00`;
}

/**
 * The `BulkDatetimeToRFC3339` transformation (a record without `Modified Time` fails, as in the reference).
 *
 * @example
 * ```ts
 * import { bulkModifiedTime } from "./components.ts";
 * const r = { "Modified Time": "04/27/2023 18:00:14.970" };
 * bulkModifiedTime(r);
 * if (r["Modified Time"] !== "2023-04-27T18:00:14.970+00:00") throw new Error();
 * ```
 */
export function bulkModifiedTime(record: RecordData): void {
  const value = record["Modified Time"];
  if (value === undefined) throw new Error("KeyError: 'Modified Time'");
  if (typeof value === "string" && value !== "") record["Modified Time"] = bulkDatetime(value) ?? value;
}

/** `BulkStreamsStateMigration`. */
export const bulkStateMigration: StateMigration = {
  shouldMigrate: (state) => "Modified Time" in state && state["Modified Time"] === null,
  migrate(state) {
    if (!bulkStateMigration.shouldMigrate(state)) return state;
    for (const [key, value] of Object.entries(state)) if (!isObject(value)) delete state[key];
    return state;
  },
};

/**
 * The custom report schema of `reporting_columns` under an aggregation.
 *
 * @example
 * ```ts
 * import { customReportSchema } from "./components.ts";
 * const s = customReportSchema(["Clicks", "TimePeriod", "Clicks"], "HourOfDay");
 * const keys = Object.keys(s.properties as object).sort().join();
 * if (keys !== "Clicks,EndOfTimePeriod,HourOfDay,StartOfTimePeriod,TimePeriod") throw new Error(keys);
 * ```
 */
export function customReportSchema(columns: readonly unknown[], aggregation: string): JsonObject {
  let all = columns.map(String);
  if (aggregation === "DayOfWeek") all = [...all, "DayOfWeek", "StartOfTimePeriod", "EndOfTimePeriod"];
  if (aggregation === "HourOfDay") all = [...all, "HourOfDay", "StartOfTimePeriod", "EndOfTimePeriod"];
  const properties: JsonObject = {};
  for (const column of new Set(all)) properties[column] = { type: ["null", "string"] };
  return {
    $schema: "https://json-schema.org/draft-07/schema#",
    type: ["null", "object"],
    additionalProperties: true,
    properties,
  };
}

/**
 * The `BingAdsGzipCsvDecoder`.
 *
 * @example
 * ```ts
 * import { gzipCsvDecoder } from "./components.ts";
 * const rows: unknown[] = [];
 * for await (const r of gzipCsvDecoder().decode(new Response("a,b\n1,2\n"))) rows.push(r);
 * if (JSON.stringify(rows) !== '[{"a":"1","b":"2"}]') throw new Error(JSON.stringify(rows));
 * ```
 */
export function gzipCsvDecoder(): Decoder {
  const csv = csvDecoder({ encoding: "utf-8" });
  return {
    async *decode(response, options) {
      const bytes = new Uint8Array(await response.arrayBuffer());
      let body: BodyInit = bytes;
      try {
        if (bytes.length === 0) return;
        if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
          const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
          body = new Uint8Array(await new Response(stream).arrayBuffer());
        }
        for await (const row of csv.decode(new Response(body), options)) yield row;
      } catch {
        yield {};
      }
    },
  };
}

/** The registry passed with `--components connectors/source-bing-ads/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.DuplicatedRecordsFilter": {
    kind: "record_filter",
    create(_options, ctx) {
      const predicates = ctx.config.account_names;
      const using = Array.isArray(predicates) && predicates.length > 0;
      const seen = new Set<string>();
      return (record) => {
        if (!using) return true;
        const key = JSON.stringify(record.Id ?? null);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      };
    },
  },
  "source_declarative_manifest.components.BingAdsCampaignsRecordTransformer": {
    kind: "transformation",
    create: () => (record) => {
      transformCampaign(record);
    },
  },
  "source_declarative_manifest.components.BulkDatetimeToRFC3339": {
    kind: "transformation",
    create: () => bulkModifiedTime,
  },
  "source_declarative_manifest.components.BulkStreamsStateMigration": {
    kind: "state_migration",
    create: () => bulkStateMigration,
  },
  "source_declarative_manifest.components.LightSubstreamPartitionRouter": {
    kind: "partition_router",
    create(options, ctx): PartitionRouter {
      const router = ctx.build("partition_router", { ...options, type: "SubstreamPartitionRouter" });
      return {
        async *partitions(read, parentState, childState) {
          if (!router) return;
          for await (
            const s of router.partitions(read, parentState, childState) as AsyncIterable<StreamSlice>
          ) {
            const partition = { ...s.partition };
            delete partition.parent_slice;
            if (Object.keys(partition).length !== 1) {
              throw new Error(
                `SubstreamDedupPartitionRouter expects a single partition key-value pair. Got ${
                  JSON.stringify(partition)
                }`,
              );
            }
            yield { partition, cursor_slice: s.cursor_slice, extra_fields: s.extra_fields };
          }
        },
        parentState: () => router?.parentState?.(),
        applyToRequest: (parts, slice) => router?.applyToRequest?.(parts, slice) ?? parts,
      };
    },
  },
  "source_declarative_manifest.components.CustomReportSchemaLoader": {
    kind: "schema_loader",
    create(options, ctx) {
      const columns = ctx.template(options.reporting_columns).eval();
      const aggregation = ctx.template(options.report_aggregation).render();
      return () => customReportSchema(Array.isArray(columns) ? columns : [], aggregation);
    },
  },
  "source_declarative_manifest.components.CustomReportTransformation": {
    kind: "transformation",
    create(options, ctx) {
      const aggregation = ctx.template(options.report_aggregation).render();
      return (record, tctx) => {
        const slice = (tctx?.streamSlice ?? {}) as Obj;
        if (aggregation === "Hourly" && record.TimePeriod) {
          record.TimePeriod = hourlyPeriod(String(record.TimePeriod));
        }
        if (aggregation === "DayOfWeek" || aggregation === "HourOfDay") {
          const period = record.TimePeriod;
          record.StartOfTimePeriod = (slice.start_time ?? null) as RecordData[string];
          record.EndOfTimePeriod = (slice.end_time ?? null) as RecordData[string];
          record[aggregation] = period ?? null;
          record.TimePeriod = (slice.end_time ?? null) as RecordData[string];
        }
      };
    },
  },
  "source_declarative_manifest.components.BingAdsGzipCsvDecoder": {
    kind: "decoder",
    create: () => gzipCsvDecoder(),
  },
});

export default components;
