/**
 * Builds the {@link PageContext} a paginator needs from a selected page, with Airbyte's counting rules.
 * @module
 */
import type { PageSelection } from "../extract/record_selector.ts";
import type { PageContext } from "./types.ts";

/**
 * The page context for `paginator.nextToken`: `lastPageSize` is the number of records extracted before the
 * record filter (Airbyte's `extracted_record_count`, which OffsetIncrement and PageIncrement compare with the
 * page size: counting after the filter would end pagination early and lose records); `lastRecord` is the
 * last record that was kept.
 *
 * @example
 * ```ts
 * import { pageContextFrom } from "./page_context.ts";
 * const ctx = pageContextFrom(new Response(), { records: [{ id: 2 }], extracted: 3, body: {} }, 10);
 * if (ctx.lastPageSize !== 3 || ctx.lastRecord?.id !== 2 || ctx.token !== 10) throw new Error("wrong");
 * ```
 */
export function pageContextFrom(response: Response, page: PageSelection, token: unknown): PageContext {
  const records = page.records;
  return {
    response,
    body: page.body,
    records,
    lastPageSize: page.extracted,
    lastRecord: records.length ? records[records.length - 1] : undefined,
    token,
  };
}
