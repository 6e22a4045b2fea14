/**
 * Python `airbyte_cdk.utils.datetime_helpers.ab_datetime_parse(value)` rendered like `ab_datetime_format` /
 * `isoformat()` (RFC 3339 with `T`, `+HH:MM` offsets, microseconds only when non-zero), for the shapes ported
 * components meet: Unix seconds (at most 10 digits), `YYYY-MM-DD`, and ISO 8601 / RFC 3339 date-times with
 * `T` or a space (UTC when no offset; `Z`, `±HH:MM` and `±HHMM` offsets). Anything else throws, as the
 * reference does (its dateutil fallback accepts more free-form text).
 * @module
 */

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
 * import { toRfc3339 } from "./ab_datetime.ts";
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
