/**
 * Airbyte's `OffsetIncrement`: the token is the number of records read so far.
 * @module
 */
import { SpoutError } from "../errors.ts";
import { defaultPaginator, type PaginationStrategy } from "./default_paginator.ts";
import type { RequestOption } from "./request_option.ts";
import type { PageContext, Paginator } from "./types.ts";

/** Options of {@link offsetIncrement}. */
export interface OffsetIncrementOptions {
  /** Records requested per page; a shorter page ends pagination. Without it only an empty page does. */
  pageSize?: number;
  /** Send `offset=0` on the first request (Airbyte `inject_on_first_request`, default false). */
  injectOnFirstRequest?: boolean;
  /**
   * Counts the page's records another way (Airbyte's strategy-level `extractor`, e.g.
   * `(page) => extractRecords(page.body, compilePath(["results"])).length`). Default: `page.lastPageSize`.
   */
  countRecords?: (page: PageContext) => number;
}

/**
 * The OffsetIncrement strategy. It counts records before filtering (`page.lastPageSize`), stops on a page
 * shorter than `pageSize` or on an empty page, and adds the page size to the token the page was fetched
 * with, so a page is never requested twice.
 *
 * @example
 * ```ts
 * import { offsetIncrement } from "./offset.ts";
 * const s = offsetIncrement({ pageSize: 2 });
 * const page = { response: new Response(), body: {}, records: [], lastPageSize: 2, token: 2 };
 * if (s.nextToken(page) !== 4) throw new Error("wrong");
 * if (s.nextToken({ ...page, lastPageSize: 1 }) !== undefined) throw new Error("should stop");
 * ```
 */
export function offsetIncrement(options: OffsetIncrementOptions = {}): PaginationStrategy {
  const { pageSize, injectOnFirstRequest = false, countRecords } = options;
  return {
    initialToken: () => injectOnFirstRequest ? 0 : undefined,
    pageSize: () => pageSize || undefined,
    nextToken(page: PageContext): unknown {
      const size = countRecords ? countRecords(page) : page.lastPageSize;
      if ((pageSize && size < pageSize) || size === 0) return undefined;
      const last = page.token;
      if (last === undefined || last === null) return size;
      if (typeof last !== "number" || !Number.isInteger(last)) {
        throw new SpoutError(
          "internal_error",
          `OffsetIncrement got a non-integer page token ${JSON.stringify(last)}; the offset must be a number`,
        );
      }
      return last + size;
    },
  };
}

/** Options of {@link offsetPaginator}. */
export interface OffsetPaginatorOptions extends OffsetIncrementOptions {
  /** Where the offset goes (e.g. query `offset`). */
  offsetOption: RequestOption;
  /** Where the page size goes (e.g. query `limit`); needs `pageSize`. */
  limitOption?: RequestOption;
}

/**
 * Limit/offset pagination: `DefaultPaginator` + `OffsetIncrement`.
 *
 * @example
 * ```ts
 * import { offsetPaginator } from "./offset.ts";
 * const p = offsetPaginator({
 *   pageSize: 100,
 *   offsetOption: { injectInto: "request_parameter", fieldName: "offset" },
 *   limitOption: { injectInto: "request_parameter", fieldName: "limit" },
 * });
 * const first = p.apply({ path: "/", query: {}, headers: {} }, p.initialToken());
 * if (first.query.limit !== "100" || "offset" in first.query) throw new Error("wrong");
 * ```
 */
export function offsetPaginator(options: OffsetPaginatorOptions): Paginator {
  return defaultPaginator({
    strategy: offsetIncrement(options),
    pageTokenOption: options.offsetOption,
    pageSizeOption: options.limitOption,
  });
}
