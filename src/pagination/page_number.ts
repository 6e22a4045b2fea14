/**
 * Airbyte's `PageIncrement`: the token is a page number.
 * @module
 */
import { SpoutError } from "../errors.ts";
import { defaultPaginator, type PaginationStrategy } from "./default_paginator.ts";
import type { RequestOption } from "./request_option.ts";
import type { PageContext, Paginator } from "./types.ts";

/** Options of {@link pageIncrement}. */
export interface PageIncrementOptions {
  /** Records per page; a shorter page ends pagination. Without it only an empty page does. */
  pageSize?: number;
  /** Number of the first page (Airbyte default 0). The second request asks for `startFromPage + 1`. */
  startFromPage?: number;
  /** Send the first page number on the first request (default false). */
  injectOnFirstRequest?: boolean;
  /** Counts the page's records another way (Airbyte's strategy-level `extractor`). Default: `page.lastPageSize`. */
  countRecords?: (page: PageContext) => number;
}

/**
 * The PageIncrement strategy.
 *
 * @example
 * ```ts
 * import { pageIncrement } from "./page_number.ts";
 * const s = pageIncrement({ pageSize: 10, startFromPage: 1, injectOnFirstRequest: true });
 * if (s.initialToken() !== 1) throw new Error("first page");
 * const page = { response: new Response(), body: {}, records: [], lastPageSize: 10, token: 1 };
 * if (s.nextToken(page) !== 2) throw new Error("second page");
 * ```
 */
export function pageIncrement(options: PageIncrementOptions = {}): PaginationStrategy {
  const { pageSize, startFromPage = 0, injectOnFirstRequest = false, countRecords } = options;
  return {
    initialToken: () => injectOnFirstRequest ? startFromPage : undefined,
    pageSize: () => pageSize || undefined,
    nextToken(page: PageContext): unknown {
      const size = countRecords ? countRecords(page) : page.lastPageSize;
      if ((pageSize && size < pageSize) || size === 0) return undefined;
      const last = page.token;
      if (last === undefined || last === null) return startFromPage + 1;
      if (typeof last !== "number" || !Number.isInteger(last)) {
        throw new SpoutError(
          "internal_error",
          `PageIncrement got a non-integer page token ${JSON.stringify(last)}; the page must be a number`,
        );
      }
      return last + 1;
    },
  };
}

/** Options of {@link pageNumberPaginator}. */
export interface PageNumberPaginatorOptions extends PageIncrementOptions {
  /** Where the page number goes. */
  pageOption: RequestOption;
  /** Where the page size goes; needs `pageSize`. */
  pageSizeOption?: RequestOption;
}

/**
 * Page-number pagination: `DefaultPaginator` + `PageIncrement`.
 *
 * @example
 * ```ts
 * import { pageNumberPaginator } from "./page_number.ts";
 * const p = pageNumberPaginator({ pageOption: { injectInto: "request_parameter", fieldName: "page" } });
 * if (p.apply({ path: "/", query: {}, headers: {} }, 3).query.page !== "3") throw new Error("wrong");
 * ```
 */
export function pageNumberPaginator(options: PageNumberPaginatorOptions): Paginator {
  return defaultPaginator({
    strategy: pageIncrement(options),
    pageTokenOption: options.pageOption,
    pageSizeOption: options.pageSizeOption,
  });
}
