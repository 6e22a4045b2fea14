/**
 * The paginator contract. Paginators never interpolate: the declarative factory passes callbacks.
 * @module
 */
import type { RecordData } from "../types.ts";

/** The parts of a request a paginator (or request option) may change. */
export interface RequestParts {
  /** Path relative to the base URL (ignored when `url` is set). */
  path: string;
  /** Absolute URL override (e.g. a next-page URL); replaces base + path + query when set. */
  url?: string;
  /** Query parameters (arrays repeat the key). */
  query: Record<string, string | string[]>;
  /** Request headers. */
  headers: Record<string, string>;
  /** JSON body fields (sent as application/json when non-empty). */
  json?: Record<string, unknown>;
  /** Form body fields (sent as application/x-www-form-urlencoded when non-empty). */
  form?: Record<string, string>;
}

/** What a paginator sees after a page. */
export interface PageContext {
  /** The HTTP response (body already consumed). */
  response: Response;
  /** The decoded body (first document for multi-document decoders). */
  body: unknown;
  /** Records selected from this page (after filtering). */
  records: RecordData[];
  /** Number of records on the page before filtering (Airbyte's `last_page_size`). */
  lastPageSize: number;
  /** Last record of the page (before filtering), if any. */
  lastRecord?: RecordData;
  /** Token used to fetch this page. */
  token: unknown;
}

/** Decides page tokens and injects them into requests. */
export interface Paginator {
  /** Token for the first request (undefined = no token). */
  initialToken(): unknown;
  /** Token for the next page, or undefined to stop. */
  nextToken(page: PageContext): unknown;
  /** Injects `token` (and page size) into the request parts. */
  apply(parts: RequestParts, token: unknown): RequestParts;
  /** Forgets any per-read state (Airbyte's PaginationReset); stateless paginators may omit it. */
  reset?(): void;
}
