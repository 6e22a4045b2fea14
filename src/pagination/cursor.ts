/**
 * Airbyte's `CursorPagination`: the next token is read from the response (body, headers, last record).
 * @module
 */
import { defaultPaginator, type PageTokenOption, type PaginationStrategy } from "./default_paginator.ts";
import type { RequestOption } from "./request_option.ts";
import type { PageContext, Paginator } from "./types.ts";

/** Options of {@link cursorPagination}. */
export interface CursorPaginationOptions {
  /**
   * Computes the next token from the page (Airbyte `cursor_value`). Airbyte's template variables map to
   * `page.body` (`response`, the first decoded document), `page.response.headers` (`headers`; see
   * `linksFromHeaders` for `headers.link`), `page.records.at(-1)` (`last_record`) and `page.records.length`
   * (`last_page_size`): in Airbyte both count records after the record filter.
   */
  cursorValue: (page: PageContext) => unknown;
  /** Stops when true (Airbyte `stop_condition`), evaluated before `cursorValue`. */
  stopCondition?: (page: PageContext) => boolean;
  /** Page size to request. */
  pageSize?: number;
}

/**
 * The CursorPagination strategy: no initial token; stops when `stopCondition` holds or when the cursor value
 * is Python-falsy (missing, null, "", 0, empty list/object).
 *
 * @example
 * ```ts
 * import { cursorPagination } from "./cursor.ts";
 * const s = cursorPagination({ cursorValue: (p) => (p.body as { next?: string }).next });
 * const page = { response: new Response(), body: { next: "c2" }, records: [], lastPageSize: 0, token: undefined };
 * if (s.nextToken(page) !== "c2") throw new Error("wrong");
 * ```
 */
export function cursorPagination(options: CursorPaginationOptions): PaginationStrategy {
  const { cursorValue, stopCondition, pageSize } = options;
  return {
    initialToken: () => undefined,
    pageSize: () => pageSize || undefined,
    nextToken(page: PageContext): unknown {
      if (stopCondition && stopCondition(page)) return undefined;
      return cursorValue(page);
    },
  };
}

/** Options of {@link cursorPaginator}. */
export interface CursorPaginatorOptions extends CursorPaginationOptions {
  /** Where the token goes: a request option, or `REQUEST_PATH` when the token is the next URL. */
  tokenOption: PageTokenOption;
  /** Where the page size goes; needs `pageSize`. */
  pageSizeOption?: RequestOption;
}

/**
 * Cursor pagination: `DefaultPaginator` + `CursorPagination`.
 *
 * @example
 * ```ts
 * import { cursorPaginator } from "./cursor.ts";
 * import { REQUEST_PATH } from "./request_path.ts";
 * const p = cursorPaginator({ cursorValue: (page) => (page.body as { next: string }).next, tokenOption: REQUEST_PATH });
 * if (p.apply({ path: "/a", query: {}, headers: {} }, "https://x.test/a?c=2").url !== "https://x.test/a?c=2") {
 *   throw new Error("wrong");
 * }
 * ```
 */
export function cursorPaginator(options: CursorPaginatorOptions): Paginator {
  return defaultPaginator({
    strategy: cursorPagination(options),
    pageTokenOption: options.tokenOption,
    pageSizeOption: options.pageSizeOption,
  });
}
