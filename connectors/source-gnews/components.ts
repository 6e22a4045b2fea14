/**
 * Custom components of the corpus manifest `source-gnews.yaml` (unchanged), in TypeScript.
 *
 * `WaitUntilMidnightBackoffStrategy`: GNews answers 403 once the daily request quota is spent; the quota
 * resets at midnight UTC, so the retry waits until then (a minimum of one second).
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Milliseconds from `now` (ms since the epoch) to the next midnight UTC (at least one second). */
export function untilMidnightUtc(now: number): number {
  const next = (Math.floor(now / DAY_MS) + 1) * DAY_MS;
  return Math.max(1000, next - now);
}

/** The registry passed with `--components connectors/source-gnews/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.WaitUntilMidnightBackoffStrategy": {
    kind: "backoff_strategy",
    create: () => (retry) => untilMidnightUtc(retry.now),
  },
});

export default components;
