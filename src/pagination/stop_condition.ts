/**
 * Airbyte's `StopConditionPaginationStrategyDecorator`: stop paginating once the last record of a page meets
 * a condition (e.g. it is older than the incremental cursor, for APIs sorted newest first).
 * @module
 */
import type { PaginationStrategy } from "./default_paginator.ts";
import type { RecordData } from "../types.ts";
import type { PageContext } from "./types.ts";

/**
 * Wraps a strategy: when the page's last record meets `isMet`, pagination stops; otherwise the strategy
 * decides. Airbyte's `CursorStopCondition` is `isMet = (r) => !cursor.shouldBeSynced(r)`.
 *
 * @example
 * ```ts
 * import { withStopCondition } from "./stop_condition.ts";
 * import { pageIncrement } from "./page_number.ts";
 * const s = withStopCondition(pageIncrement(), (r) => (r.updated as string) < "2024-01-01");
 * const page = (updated: string) => ({
 *   response: new Response(), body: {}, records: [{ updated }], lastPageSize: 1, lastRecord: { updated }, token: 1,
 * });
 * if (s.nextToken(page("2024-05-01")) !== 2 || s.nextToken(page("2023-12-31")) !== undefined) throw new Error("wrong");
 * ```
 */
export function withStopCondition(
  strategy: PaginationStrategy,
  isMet: (record: RecordData) => boolean,
): PaginationStrategy {
  return {
    initialToken: () => strategy.initialToken(),
    pageSize: () => strategy.pageSize(),
    nextToken(page: PageContext): unknown {
      const last = page.records.length ? page.records[page.records.length - 1] : page.lastRecord;
      if (last && isMet(last)) return undefined;
      return strategy.nextToken(page);
    },
  };
}
