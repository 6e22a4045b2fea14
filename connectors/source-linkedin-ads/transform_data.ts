/**
 * The record reshaping of source-linkedin-ads' `LinkedInAdsRecordExtractor` (Python `transform_data` and
 * `_date_time_to_rfc3339`): audit stamps and date ranges flattened, targeting criteria and creative variables
 * as `{type, values}` lists, pivot values joined, `pivot` renamed `_pivot`, `created`/`lastModified` as
 * RFC 3339.
 * @module
 */
import { isObject, type RecordData } from "../../src/types.ts";
import { parsePyJson, pyDumps, type PyValue } from "../_shared/py_json.ts";

type Obj = { [key: string]: unknown };

function fail(message: string): never {
  throw new Error(message);
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** Python's `datetime.isoformat()` of a UTC instant plus an offset in minutes. */
function isoformat(utcMs: number, micro: number, offsetMin: number): string {
  const d = new Date(utcMs + offsetMin * 60_000);
  const frac = micro ? `.${pad(micro, 6)}` : "";
  const sign = offsetMin < 0 ? "-" : "+";
  const abs = Math.abs(offsetMin);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${
    pad(d.getUTCHours())
  }:` +
    `${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac}${sign}${pad(Math.floor(abs / 60))}:${
      pad(abs % 60)
    }`;
}

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * `ab_datetime_parse(value).to_datetime().isoformat()` for the shapes LinkedIn records carry: Unix seconds
 * (at most 10 digits), `YYYY-MM-DD`, and ISO 8601 / RFC 3339 date-times with `T` or a space (UTC when no
 * offset). Throws on anything else, as the reference does.
 *
 * @example
 * ```ts
 * import { toRfc3339 } from "./transform_data.ts";
 * if (toRfc3339("2021-08-22 20:35:44") !== "2021-08-22T20:35:44+00:00") throw 1;
 * if (toRfc3339(1629664544) !== "2021-08-22T20:35:44+00:00") throw 2;
 * if (toRfc3339("2021-08-22T20:35:44.5-0230") !== "2021-08-22T20:35:44.500000-02:30") throw 3;
 * ```
 */
export function toRfc3339(value: unknown): string {
  const [ms, micro, offset] = parseDateTime(value);
  return isoformat(ms, micro, offset);
}

function parseDateTime(value: unknown): [number, number, number] {
  const text = typeof value === "number" && Number.isInteger(value) ? String(value) : value;
  if (typeof text !== "string") fail(`Could not parse datetime string: ${String(value)}`);
  if (/^-?\d+$/.test(text)) {
    const seconds = Number(text);
    if (seconds < 0) fail("Timestamp cannot be negative");
    if (String(Math.abs(seconds)).length > 10) fail("Timestamp value too large");
    return [seconds * 1000, 0, 0];
  }
  if (!text.includes(":") && text.split("-").length === 3 && !text.includes("/")) {
    const [y, m, d] = text.split("-").map(Number);
    if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31)) fail(`Invalid date format: ${text}`);
    const ms = Date.UTC(2000, m - 1, d);
    const date = new Date(ms);
    date.setUTCFullYear(y);
    if (date.getUTCDate() !== d) fail(`Invalid date format: ${text}`);
    return [date.getTime(), 0, 0];
  }
  const m = ISO.exec(text.trim());
  if (!m) fail(`Could not parse datetime string: ${text}`);
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number);
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));
  date.setUTCFullYear(y);
  if (date.getUTCDate() !== d || date.getUTCMonth() !== mo - 1 || h > 23 || mi > 59 || s > 59) {
    fail(`Could not parse datetime string: ${text}`);
  }
  const micro = m[7] ? Number(m[7].padEnd(6, "0")) : 0;
  let offset = 0;
  if (m[8] && m[8].toUpperCase() !== "Z") {
    const digits = m[8].replace(":", "");
    offset = (digits[0] === "-" ? -1 : 1) *
      (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || 0));
  }
  return [date.getTime() - offset * 60_000, micro, offset];
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
