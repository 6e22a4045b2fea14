/**
 * Custom components of the corpus manifest `source-pinterest.yaml` (unchanged), in TypeScript.
 *
 * `AdAccountRecordExtractor`: `ad_accounts` lists accounts under `items`, but with `config.account_id` the
 * endpoint returns that one account as the whole body: `items` when present, else the body itself as the only
 * record (an empty or non-object body gives none).
 *
 * `PinterestAnalyticsBackoffStrategy`: the analytics endpoints answer 400 with a message like "Retry after
 * 30 seconds": wait that long; otherwise (no such message, no JSON, a network error) `min(2 ** attempt, 120)`
 * seconds.
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";
import type { BackoffContext } from "../../src/http/backoff.ts";
import { isObject } from "../../src/types.ts";

const RETRY_AFTER = /Retry after\s+(\d+)\s+seconds/i;

function pyTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}

/**
 * The records of an ad-accounts response body.
 *
 * @example
 * ```ts
 * import { adAccountRecords } from "./components.ts";
 * if (adAccountRecords({ items: [{ id: "1" }] }).length !== 1) throw new Error("items");
 * if ((adAccountRecords({ id: "7" })[0] as { id: string }).id !== "7") throw new Error("single");
 * if (adAccountRecords({}).length !== 0) throw new Error("empty");
 * ```
 */
export function adAccountRecords(document: unknown): unknown[] {
  if (!pyTruthy(document) || !isObject(document)) return [];
  if ("items" in document) {
    const items = document.items;
    return Array.isArray(items) ? items : isObject(items) ? [items] : [];
  }
  return [document];
}

/**
 * The wait (ms) of the analytics backoff strategy.
 *
 * @example
 * ```ts
 * import { analyticsBackoffMs } from "./components.ts";
 * const base = { now: 0, random: () => 0, response: new Response(null, { status: 400 }) };
 * if (analyticsBackoffMs({ ...base, attempt: 1, body: { message: "Retry after 7 seconds" } }) !== 7000) throw 1;
 * if (analyticsBackoffMs({ ...base, attempt: 3 }) !== 8000) throw 2;
 * if (analyticsBackoffMs({ ...base, attempt: 9 }) !== 120_000) throw 3;
 * ```
 */
export function analyticsBackoffMs(retry: BackoffContext): number {
  if (retry.response && isObject(retry.body)) {
    const message = retry.body.message;
    const m = RETRY_AFTER.exec(message === undefined || message === null ? "" : String(message));
    if (m) return Number(m[1]) * 1000;
  }
  return Math.min(2 ** retry.attempt, 120) * 1000;
}

/** The registry passed with `--components connectors/source-pinterest/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.AdAccountRecordExtractor": {
    kind: "record_extractor",
    create: () => adAccountRecords,
  },
  "source_declarative_manifest.components.PinterestAnalyticsBackoffStrategy": {
    kind: "backoff_strategy",
    create: () => analyticsBackoffMs,
  },
});

export default components;
