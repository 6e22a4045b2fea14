/**
 * Airbyte's `DefaultPaginator`: a pagination strategy (how the next token is computed) plus where the
 * token and the page size go in the request.
 * @module
 */
import { SpoutError } from "../errors.ts";
import { pyTruthy } from "../extract/py_truthy.ts";
import { injectOption, type RequestOption, validateRequestOption } from "./request_option.ts";
import { applyRequestPath, type RequestPathOption } from "./request_path.ts";
import type { PageContext, Paginator, RequestParts } from "./types.ts";

/** Computes page tokens (Airbyte `PaginationStrategy`). Must not keep per-read state. */
export interface PaginationStrategy {
  /** Token of the first request (undefined = the first request carries no token). */
  initialToken(): unknown;
  /** The next token from the page just read; a Python-falsy result (`undefined`, `0`, `""`, …) stops. */
  nextToken(page: PageContext): unknown;
  /** The page size to request, if any. */
  pageSize(): number | undefined;
}

/** Where the page token goes: a request option, or the URL itself (RequestPath). */
export type PageTokenOption = RequestOption | RequestPathOption;

/** Options of {@link defaultPaginator}. */
export interface DefaultPaginatorOptions {
  /** How tokens are computed. */
  strategy: PaginationStrategy;
  /** Where the page size goes (sent on every request, including the first). */
  pageSizeOption?: RequestOption;
  /** Where the token goes; without it the token is computed but not sent. */
  pageTokenOption?: PageTokenOption;
}

/**
 * Builds a paginator from a strategy and options. `apply` returns new parts (the input is not modified).
 * Tokens are the strategy's raw values (templates see them as
 * `next_page_token.next_page_token`, i.e. Airbyte's `{"next_page_token": value}` mapping).
 *
 * @example
 * ```ts
 * import { defaultPaginator } from "./default_paginator.ts";
 * import { offsetIncrement } from "./offset.ts";
 * const p = defaultPaginator({
 *   strategy: offsetIncrement({ pageSize: 2 }),
 *   pageSizeOption: { injectInto: "request_parameter", fieldName: "limit" },
 *   pageTokenOption: { injectInto: "request_parameter", fieldName: "offset" },
 * });
 * const parts = p.apply({ path: "/x", query: {}, headers: {} }, 4);
 * if (parts.query.offset !== "4" || parts.query.limit !== "2") throw new Error("wrong");
 * ```
 */
export function defaultPaginator(options: DefaultPaginatorOptions): Paginator {
  const { strategy, pageSizeOption, pageTokenOption } = options;
  if (pageSizeOption) {
    validateRequestOption(pageSizeOption);
    if (!strategy.pageSize()) {
      throw new SpoutError(
        "config_invalid",
        "page_size_option is set but the pagination strategy has no page_size: add page_size to the strategy",
      );
    }
  }
  const tokenIsPath = pageTokenOption?.injectInto === "path";
  const tokenOption = tokenIsPath ? undefined : pageTokenOption as RequestOption | undefined;
  if (tokenOption) validateRequestOption(tokenOption);
  const jsonBody = tokenOption?.injectInto === "body_json" || pageSizeOption?.injectInto === "body_json";
  return {
    initialToken: () => strategy.initialToken(),
    nextToken(page: PageContext): unknown {
      const token = strategy.nextToken(page);
      return pyTruthy(token) ? token : undefined;
    },
    apply(input: RequestParts, token: unknown): RequestParts {
      // Never mutate the caller's parts: they may be reused for the next page or another slice.
      const parts: RequestParts = { ...input, query: { ...input.query }, headers: { ...input.headers } };
      if (input.form) parts.form = { ...input.form };
      if (input.json) parts.json = jsonBody ? structuredClone(input.json) : input.json;
      if (token !== undefined && token !== null) {
        if (tokenOption) injectOption(parts, tokenOption, token);
        else if (tokenIsPath && pyTruthy(token)) applyRequestPath(parts, token);
      }
      if (pageSizeOption) {
        const size = strategy.pageSize();
        if (size) injectOption(parts, pageSizeOption, size);
      }
      return parts;
    },
  };
}
