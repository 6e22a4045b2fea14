/**
 * Helpers for token responses: recursive key lookup, expiry parsing and Airbyte's expiry date format.
 * @module
 */

/**
 * Finds `key` in a token response like Airbyte does: the top level first, then nested objects and arrays,
 * at most 5 levels deep.
 *
 * @example
 * ```ts
 * import { findTokenValue } from "./token_helpers.ts";
 * if (findTokenValue({ data: { access_token: "a" } }, "access_token") !== "a") throw new Error();
 * ```
 */
export function findTokenValue(data: unknown, key: string, depth = 0): unknown {
  if (depth > 5) return undefined;
  if (Array.isArray(data)) {
    for (const item of data) {
      const found = findTokenValue(item, key, depth + 1);
      if (found !== undefined && found !== null) return found;
    }
    return undefined;
  }
  if (typeof data === "object" && data !== null) {
    const record = data as Record<string, unknown>;
    if (Object.hasOwn(record, key)) return record[key];
    for (const value of Object.values(record)) {
      const found = findTokenValue(value, key, depth + 1);
      if (found !== undefined && found !== null) return found;
    }
  }
  return undefined;
}

/**
 * Parses a date-time like Airbyte's `ab_datetime_parse`: epoch seconds (digits), ISO 8601 with or without
 * a zone (naive means UTC), `YYYY-MM-DD HH:MM:SS`, or a date. Returns epoch ms, or undefined.
 *
 * @example
 * ```ts
 * import { parseDateTime } from "./token_helpers.ts";
 * if (parseDateTime("2024-01-01 00:00:10") !== Date.UTC(2024, 0, 1, 0, 0, 10)) throw new Error();
 * if (parseDateTime("1700000000") !== 1_700_000_000_000) throw new Error();
 * ```
 */
export function parseDateTime(value: unknown): number | undefined {
  if (typeof value === "number") {
    return Number.isFinite(value) ? (value > 1e12 ? value : value * 1000) : undefined;
  }
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    const n = Number(text);
    return n > 1e12 ? n : n * 1000;
  }
  let iso = text.replace(/^(\d{4}-\d{2}-\d{2})[ T]/, "$1T");
  if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(iso)) iso += "Z";
  iso = iso.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Formats epoch ms like Python's `str(AirbyteDateTime)`: `2024-01-01T00:00:00+00:00`, with `.ffffff` when the
 * time has a fractional second.
 *
 * @example
 * ```ts
 * import { formatAirbyteDateTime } from "./token_helpers.ts";
 * if (formatAirbyteDateTime(Date.UTC(2024, 0, 1, 0, 0, 0, 5)) !== "2024-01-01T00:00:00.005000+00:00") throw new Error();
 * ```
 */
export function formatAirbyteDateTime(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2024-01-01T00:00:00.000Z
  const base = iso.slice(0, 19);
  const millis = iso.slice(20, 23);
  return millis === "000" ? `${base}+00:00` : `${base}.${millis}000+00:00`;
}
