/**
 * The record reshaping of source-linkedin-ads' `LinkedInAdsRecordExtractor` (Python `transform_data` and
 * `_date_time_to_rfc3339`): audit stamps and date ranges flattened, targeting criteria and creative variables
 * as `{type, values}` lists, pivot values joined, `pivot` renamed `_pivot`, `created`/`lastModified` as
 * RFC 3339.
 * @module
 */
import { isObject, type RecordData } from "../../src/types.ts";
import { toRfc3339 } from "../_shared/ab_datetime.ts";
import { parsePyJson, pyDumps, type PyValue } from "../_shared/py_json.ts";

export { toRfc3339 } from "../_shared/ab_datetime.ts";

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

type Obj = { [key: string]: unknown };

function fail(message: string): never {
  throw new Error(message);
}

function utcSeconds(seconds: number): string {
  const iso = toRfc3339(seconds);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function changeAuditStamps(record: Obj): void {
  const stamps = record.changeAuditStamps as Obj;
  for (const prop of ["created", "lastModified"]) {
    const entry = isObject(stamps) ? stamps[prop] : undefined;
    if (!isObject(entry)) fail(`changeAuditStamps.${prop} is missing`);
    record[prop] = utcSeconds(Math.floor(Number(entry.time) / 1000));
  }
  delete record.changeAuditStamps;
}

function dateFromParts(record: Obj, prefix: string): string {
  const [y, m, d] = ["year", "month", "day"].map((f) => record[`${prefix}.${f}`]);
  if (![y, m, d].every((v) => typeof v === "number" && Number.isInteger(v))) {
    fail(`dateRange.${prefix} is not a date`);
  }
  const date = new Date(Date.UTC(2000, (m as number) - 1, d as number));
  date.setUTCFullYear(y as number);
  if (date.getUTCDate() !== d || date.getUTCMonth() !== (m as number) - 1) {
    fail(`dateRange.${prefix} is not a date`);
  }
  return toRfc3339(`${pad(y as number, 4)}-${pad(m as number)}-${pad(d as number)}`).slice(0, 10);
}

function dateRange(record: Obj): void {
  const range = record.dateRange as Obj;
  for (const prop of ["start", "end"]) {
    const part = isObject(range) && isObject(range[prop])
      ? range[prop] as Obj
      : fail(`dateRange.${prop} missing`);
    for (const field of ["year", "month", "day"]) record[`${prop}.${field}`] = part[field] ?? null;
  }
  record.start_date = dateFromParts(record, "start");
  record.end_date = dateFromParts(record, "end");
  for (
    const key of ["dateRange", "start.day", "start.month", "start.year", "end.day", "end.month", "end.year"]
  ) {
    delete record[key];
  }
  delete record.start;
  delete record.end;
}

function unnest(nested: unknown): Obj[] {
  const out: Obj[] = [];
  for (const [type, value] of Object.entries(isObject(nested) ? nested : {})) {
    let values: unknown[] = [];
    if (Array.isArray(value)) {
      if (value.length > 0 && typeof value[0] === "string") values = value;
      else if (value.length > 0 && isObject(value[0])) values = [...value];
    } else if (isObject(value)) values = [value];
    out.push({ type, values });
  }
  return out;
}

function targetingCriteria(record: Obj): void {
  const criteria = record.targetingCriteria as Obj;
  if (!isObject(criteria)) return;
  if ("include" in criteria) {
    const include = criteria.include as Obj;
    const and = isObject(include) && Array.isArray(include.and) ? include.and : [];
    criteria.include = { and: and.flatMap((k) => unnest(isObject(k) ? k.or : undefined)) };
  }
  if ("exclude" in criteria) {
    const exclude = criteria.exclude as Obj;
    criteria.exclude = { or: unnest(isObject(exclude) ? exclude.or : undefined) };
  }
}

function variables(record: Obj): void {
  const vars = record.variables as Obj;
  const data = isObject(vars) && isObject(vars.data) ? vars.data : {};
  const entries = Object.entries(data);
  // the reference pops `data` inside its loop: a second entry raises KeyError
  if (entries.length > 1) fail("variables.data has more than one entry");
  for (const [type, params] of entries) {
    vars.type = type;
    vars.values = Object.entries(isObject(params) ? params : {}).map(([key, value]) => ({
      key,
      value: pyDumps(parsePyJson(JSON.stringify(value ?? null)) as PyValue),
    }));
    delete vars.data;
  }
}

/**
 * One LinkedIn record reshaped like the reference (mutated and returned).
 *
 * @example
 * ```ts
 * import { transformRecord } from "./transform_data.ts";
 * const r = transformRecord({
 *   id: 1,
 *   changeAuditStamps: { created: { time: 1629581275000 }, lastModified: { time: 1629664544760 } },
 *   pivot: "X",
 * });
 * if (r.created !== "2021-08-21T21:27:55+00:00" || r._pivot !== "X" || "pivot" in r) throw new Error();
 * ```
 */
export function transformRecord(record: RecordData): RecordData {
  if ("changeAuditStamps" in record) changeAuditStamps(record);
  if ("dateRange" in record) dateRange(record);
  if ("targetingCriteria" in record) targetingCriteria(record);
  if ("variables" in record) variables(record);
  if ("pivotValues" in record) {
    const pivots = Array.isArray(record.pivotValues) ? record.pivotValues : [];
    record.string_of_pivot_values = pivots.join(",");
  }
  if ("pivot" in record) {
    record._pivot = record.pivot;
    delete record.pivot;
  }
  for (const field of ["lastModified", "created"]) {
    if (record[field] !== undefined && record[field] !== null) record[field] = toRfc3339(record[field]);
  }
  return record;
}
