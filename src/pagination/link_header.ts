/**
 * RFC 8288 `Link` header parsing and Link-header (rel="next") pagination.
 * @module
 */
import { cursorPaginator } from "./cursor.ts";
import type { RequestOption } from "./request_option.ts";
import { REQUEST_PATH } from "./request_path.ts";
import type { Paginator } from "./types.ts";

/** One link of a Link header. */
export interface LinkValue {
  /** Target URL as written (resolved against `baseUrl` when one was given). */
  url: string;
  /** Parameters with lower-cased names (`rel`, `type`, `title`, …); quoted values are unescaped. */
  params: Record<string, string>;
  /** The relation types (rel split on whitespace, lower-cased). */
  rels: string[];
}

function isWs(c: string): boolean {
  return c === " " || c === "\t" || c === "\r" || c === "\n";
}

/**
 * Parses a Link header value (several links, quoted parameters with escapes and commas, unquoted tokens,
 * `rel` lists like `rel="next last"`). Malformed links are skipped rather than guessed.
 *
 * @example
 * ```ts
 * import { parseLinkHeader } from "./link_header.ts";
 * const links = parseLinkHeader('<https://a.test/?p=2>; rel="next", <https://a.test/?p=9>; rel=last');
 * if (links[0].rels[0] !== "next" || links[1].url !== "https://a.test/?p=9") throw new Error("wrong");
 * ```
 */
export function parseLinkHeader(value: string, baseUrl?: string): LinkValue[] {
  const out: LinkValue[] = [];
  const n = value.length;
  let i = 0;
  while (i < n) {
    while (i < n && (isWs(value[i]) || value[i] === ",")) i++;
    if (i >= n) break;
    if (value[i] !== "<") {
      // Not a link-value: skip to the next comma outside quotes.
      i = skipToComma(value, i);
      continue;
    }
    const end = value.indexOf(">", i + 1);
    if (end < 0) break;
    let url = value.slice(i + 1, end).trim();
    i = end + 1;
    const params: Record<string, string> = {};
    while (i < n) {
      while (i < n && isWs(value[i])) i++;
      if (value[i] !== ";") break;
      i++;
      while (i < n && isWs(value[i])) i++;
      let name = "";
      while (i < n && !isWs(value[i]) && value[i] !== "=" && value[i] !== ";" && value[i] !== ",") {
        name += value[i++];
      }
      while (i < n && isWs(value[i])) i++;
      let val = "";
      if (value[i] === "=") {
        i++;
        while (i < n && isWs(value[i])) i++;
        if (value[i] === '"') {
          i++;
          while (i < n && value[i] !== '"') {
            if (value[i] === "\\" && i + 1 < n) i++;
            val += value[i++];
          }
          i++;
        } else {
          while (i < n && !isWs(value[i]) && value[i] !== ";" && value[i] !== ",") val += value[i++];
        }
      }
      name = name.toLowerCase();
      // RFC 8288: only the first occurrence of a parameter counts.
      if (name && !Object.hasOwn(params, name)) params[name] = val;
    }
    if (baseUrl) {
      try {
        url = new URL(url, baseUrl).toString();
      } catch { /* keep as written */ }
    }
    const rels = (params.rel ?? "").toLowerCase().split(/\s+/).filter((r) => r.length > 0);
    out.push({ url, params, rels });
    i = skipToComma(value, i);
  }
  return out;
}

function skipToComma(value: string, i: number): number {
  let quoted = false;
  for (; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ",") return i + 1;
  }
  return i;
}

/** A link as Airbyte templates see it in `headers.link` (Python requests' `response.links` entries). */
export type LinkEntry = { url: string; [param: string]: string };

/**
 * Builds Python requests' `response.links` mapping (keyed by `rel`, else by URL), which Airbyte exposes as
 * `headers['link']`. Each relation of a multi-valued rel (`rel="next last"`) is also a key.
 *
 * @example
 * ```ts
 * import { linksFromHeaders } from "./link_header.ts";
 * const links = linksFromHeaders(new Headers({ link: '<https://a.test/2>; rel="next"' }));
 * if (links.next.url !== "https://a.test/2") throw new Error("wrong");
 * ```
 */
export function linksFromHeaders(headers: Headers, baseUrl?: string): Record<string, LinkEntry> {
  const raw = headers.get("link");
  const out: Record<string, LinkEntry> = Object.create(null);
  if (!raw) return out;
  for (const link of parseLinkHeader(raw, baseUrl)) {
    const entry: LinkEntry = { url: link.url };
    for (const k in link.params) if (k !== "url" && k !== "__proto__") entry[k] = link.params[k];
    const key = link.params.rel || link.url;
    out[key] = entry;
    for (const rel of link.rels) if (!(rel in out)) out[rel] = entry;
  }
  return out;
}

/**
 * The URL of the first link whose relations include `rel` (case-insensitive), or undefined.
 *
 * @example
 * ```ts
 * import { findLink } from "./link_header.ts";
 * const h = new Headers({ link: '</items?page=3>; rel="last", </items?page=2>; rel="next"' });
 * if (findLink(h, "next", "https://a.test/items") !== "https://a.test/items?page=2") throw new Error("wrong");
 * ```
 */
export function findLink(headers: Headers, rel = "next", baseUrl?: string): string | undefined {
  const raw = headers.get("link");
  if (!raw) return undefined;
  const want = rel.toLowerCase();
  for (const link of parseLinkHeader(raw, baseUrl)) if (link.rels.includes(want)) return link.url;
  return undefined;
}

/** Options of {@link linkHeaderPaginator}. */
export interface LinkHeaderPaginatorOptions {
  /** Relation to follow (default "next"). */
  rel?: string;
  /** Page size to request on every page. */
  pageSize?: number;
  /** Where the page size goes (needs `pageSize`). */
  pageSizeOption?: RequestOption;
}

/**
 * Follows `Link: <…>; rel="next"` until it is absent. Relative links resolve against the response URL;
 * the next URL replaces the request URL (RequestPath semantics).
 *
 * @example
 * ```ts
 * import { linkHeaderPaginator } from "./link_header.ts";
 * const p = linkHeaderPaginator();
 * const response = new Response("[]", { headers: { link: '<https://a.test/?p=2>; rel="next"' } });
 * const token = p.nextToken({ response, body: [], records: [], lastPageSize: 0, token: undefined });
 * if (token !== "https://a.test/?p=2") throw new Error("wrong");
 * ```
 */
export function linkHeaderPaginator(options: LinkHeaderPaginatorOptions = {}): Paginator {
  const rel = options.rel ?? "next";
  return cursorPaginator({
    cursorValue: (page) => findLink(page.response.headers, rel, page.response.url || undefined),
    pageSize: options.pageSize,
    pageSizeOption: options.pageSizeOption,
    tokenOption: REQUEST_PATH,
  });
}
