/**
 * Deterministic bench records (~250 bytes of JSON each) and the page bodies the bench server serves:
 * `{"data":[...],"next":OFFSET|null}`.
 * @module
 */

const STATUSES = ["active", "pending", "suspended", "closed"];
const CITIES = ["Berlin", "Lisbon", "Osaka", "Toronto", "Nairobi", "Lima", "Oslo", "Perth"];
const BASE = Date.UTC(2024, 0, 1) / 1000;

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The JSON text of record `i` (partition `part`, empty for none).
 *
 * @example
 * ```ts
 * import { recordJson } from "./records.ts";
 * const record = JSON.parse(recordJson(7, ""));
 * if (record.id !== 7 || recordJson(7, "").length < 200) throw new Error("unexpected record");
 * ```
 */
export function recordJson(i: number, part: string): string {
  const city = CITIES[i % CITIES.length];
  return `{"id":${i},"part":"${part}","name":"Customer ${i}","email":"customer${i}@example.com","status":"${
    STATUSES[i % 4]
  }","amount":${(i % 100000) / 100},"currency":"EUR","created_at":"${iso(BASE + i * 37)}","updated_at":"${
    iso(BASE + i * 41)
  }","tags":["tier-${i % 3}","batch-${i % 17}"],"address":{"city":"${city}","zip":"${
    10000 + (i % 89999)
  }"},"active":${i % 5 !== 0}}`;
}

/**
 * The body of one page: records `offset .. offset+limit-1` (capped at `total`) and the next offset.
 *
 * @example
 * ```ts
 * import { pageBody } from "./records.ts";
 * const page = JSON.parse(pageBody(8, 4, 10, ""));
 * if (page.data.length !== 2 || page.next !== null) throw new Error("unexpected page");
 * ```
 */
export function pageBody(offset: number, limit: number, total: number, part: string): string {
  const end = Math.min(total, offset + limit);
  const items: string[] = [];
  for (let i = offset; i < end; i++) items.push(recordJson(i, part));
  return `{"data":[${items.join(",")}],"next":${end < total ? end : "null"}}`;
}
