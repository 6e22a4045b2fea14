/**
 * Airbyte's `NoPagination`: one request, no token.
 * @module
 */
import type { Paginator, RequestParts } from "./types.ts";

/**
 * A paginator that reads exactly one page.
 *
 * @example
 * ```ts
 * import { noPagination } from "./no_pagination.ts";
 * const p = noPagination();
 * const page = { response: new Response(), body: {}, records: [], lastPageSize: 5, token: undefined };
 * if (p.initialToken() !== undefined || p.nextToken(page) !== undefined) throw new Error("wrong");
 * ```
 */
export function noPagination(): Paginator {
  return {
    initialToken: () => undefined,
    nextToken: () => undefined,
    apply: (parts: RequestParts) => parts,
  };
}
