/**
 * Suggestions from one sample response, like dlt's auto-detection: where the records are (the largest array of
 * objects) and how the API paginates (Link header, next URL in the body, a cursor token, offset/limit or page
 * numbers). Each suggestion comes with a manifest snippet to paste; they are guesses for a person to accept.
 * @module
 */
import type { JsonObject } from "../types.ts";
import { toYaml } from "./yaml_snippet.ts";

/** Where the records of a response are. */
export interface RecordPathGuess {
  /** `DpathExtractor.field_path` (empty: the body itself is the array). */
  path: string[];
  /** Number of records at that path. */
  count: number;
  /** The snippet (`record_selector`) to paste. */
  yaml: string;
}

/** One paginator suggestion. */
export interface PaginatorGuess {
  /** What was recognised. */
  kind: "link_header" | "next_url" | "cursor" | "offset" | "page" | "none";
  /** Why (which field / header / parameter). */
  reason: string;
  /** The manifest `paginator` component. */
  paginator: JsonObject;
  /** The snippet to paste. */
  yaml: string;
}

/** A sample response: its decoded body, and optionally its headers and the request URL. */
export interface SampleResponse {
  /** Decoded JSON body. */
  body: unknown;
  /** Response headers. */
  headers?: Headers | Record<string, string>;
  /** URL of the request (its query shows offset/page parameters). */
  url?: string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Finds the largest array of objects in a response body (breadth first, depth 5), preferring the shallower.
 *
 * @example
 * ```ts
 * import { detectRecordPath } from "./detect.ts";
 * const guess = detectRecordPath({ meta: { tags: [{ a: 1 }] }, data: { items: [{ id: 1 }, { id: 2 }] } });
 * if (guess?.path.join(".") !== "data.items" || guess.count !== 2) throw new Error(JSON.stringify(guess));
 * ```
 */
export function detectRecordPath(body: unknown): RecordPathGuess | undefined {
  let best: { path: string[]; count: number } | undefined;
  const queue: { value: unknown; path: string[] }[] = [{ value: body, path: [] }];
  while (queue.length > 0) {
    const { value, path } = queue.shift()!;
    if (Array.isArray(value)) {
      const objects = value.filter(isPlainObject).length;
      if (objects > 0 && objects >= value.length / 2 && (!best || objects > best.count)) {
        best = { path, count: objects };
      }
      continue;
    }
    if (isPlainObject(value) && path.length < 5) {
      for (const [key, child] of Object.entries(value)) queue.push({ value: child, path: [...path, key] });
    }
  }
  if (!best) return undefined;
  const selector = {
    record_selector: {
      type: "RecordSelector",
      extractor: { type: "DpathExtractor", field_path: best.path },
    },
  };
  return { ...best, yaml: toYaml(selector) };
}

function headerValue(headers: SampleResponse["headers"], name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  return found?.[1];
}

/** `response.a.b` or `response['a-b']` for interpolation. */
function responseRef(path: string[]): string {
  return "response" +
    path.map((part) => (/^[A-Za-z_]\w*$/.test(part) ? `.${part}` : `['${part.replace(/'/g, "\\'")}']`)).join(
      "",
    );
}

function findField(
  body: unknown,
  test: (key: string, value: unknown) => boolean,
  depth = 0,
  path: string[] = [],
): string[] | undefined {
  if (!isPlainObject(body) || depth > 3) return undefined;
  for (const [key, value] of Object.entries(body)) {
    if (test(key, value)) return [...path, key];
  }
  for (const [key, value] of Object.entries(body)) {
    const found = findField(value, test, depth + 1, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

const NEXT_KEY = /^(next|next_?url|next_?page(_?url)?|next_?link|@odata\.nextlink|nextlink)$/i;
const CURSOR_KEY =
  /^(next_?cursor|cursor|next_?page_?token|page_?token|next_?token|continuation(_?token)?|after|end_?cursor|scroll_?id|starting_?after)$/i;

function snippet(paginator: JsonObject): string {
  return toYaml({ paginator });
}

function guess(kind: PaginatorGuess["kind"], reason: string, paginator: JsonObject): PaginatorGuess {
  return { kind, reason, paginator, yaml: snippet(paginator) };
}

function requestParamName(key: string): string {
  const map: Record<string, string> = {
    next_cursor: "cursor",
    nextcursor: "cursor",
    next_page_token: "page_token",
    nextpagetoken: "pageToken",
    next_token: "token",
    nexttoken: "token",
    end_cursor: "after",
    endcursor: "after",
  };
  return map[key.toLowerCase()] ?? key;
}

/**
 * Suggests paginators for a sample response, best first (a `none` suggestion when nothing was recognised).
 *
 * @example
 * ```ts
 * import { detectPaginator } from "./detect.ts";
 * const [best] = detectPaginator({ body: { orders: [{ id: 1 }], next_cursor: "NA==" } });
 * if (best.kind !== "cursor" || !best.yaml.includes("field_name: cursor")) throw new Error(best.yaml);
 * const [link] = detectPaginator({ body: [], headers: { link: '<https://x/?page=2>; rel="next"' } });
 * if (link.kind !== "link_header") throw new Error(link.kind);
 * ```
 */
export function detectPaginator(sample: SampleResponse): PaginatorGuess[] {
  const out: PaginatorGuess[] = [];
  const body = sample.body;
  const link = headerValue(sample.headers, "link");
  if (link && /rel="?next"?/i.test(link)) {
    out.push(guess("link_header", 'Link header with rel="next"', {
      type: "DefaultPaginator",
      pagination_strategy: {
        type: "CursorPagination",
        cursor_value: "{{ headers['link']['next']['url'] }}",
        stop_condition: "{{ 'next' not in headers['link'] }}",
      },
      page_token_option: { type: "RequestPath" },
    }));
  }
  const nextUrl = findField(
    body,
    (key, value) => NEXT_KEY.test(key) && typeof value === "string" && /^(https?:\/\/|\/)/.test(value),
  );
  if (nextUrl) {
    const ref = responseRef(nextUrl);
    out.push(guess("next_url", `next-page URL in the body at ${nextUrl.join(".")}`, {
      type: "DefaultPaginator",
      pagination_strategy: {
        type: "CursorPagination",
        cursor_value: `{{ ${ref} }}`,
        stop_condition: `{{ not ${ref} }}`,
      },
      page_token_option: { type: "RequestPath" },
    }));
  }
  const cursor = findField(
    body,
    (key, value) =>
      CURSOR_KEY.test(key) && (typeof value === "string" || typeof value === "number") &&
      !/^https?:\/\//.test(String(value)),
  );
  if (cursor) {
    const ref = responseRef(cursor);
    const key = cursor[cursor.length - 1];
    out.push(guess("cursor", `cursor token in the body at ${cursor.join(".")}`, {
      type: "DefaultPaginator",
      pagination_strategy: {
        type: "CursorPagination",
        cursor_value: `{{ ${ref} }}`,
        stop_condition: `{{ not ${ref} }}`,
      },
      page_token_option: {
        type: "RequestOption",
        inject_into: "request_parameter",
        field_name: requestParamName(key),
      },
    }));
  }
  let query = new URLSearchParams();
  try {
    if (sample.url) query = new URL(sample.url).searchParams;
  } catch {
    // not a URL
  }
  const records = detectRecordPath(body)?.count ?? 0;
  const sizeParam = ["limit", "page_size", "per_page", "pageSize", "perPage", "size", "count"].find((p) =>
    query.has(p)
  );
  const pageSize = sizeParam ? Number(query.get(sizeParam)) || records : records;
  const sizeOption = {
    type: "RequestOption",
    inject_into: "request_parameter",
    field_name: sizeParam ?? "limit",
  };
  const total = findField(
    body,
    (key, value) => /^(total|total_?count|count|total_?results)$/i.test(key) && typeof value === "number",
  );
  if (query.has("offset") || findField(body, (key) => key === "offset")) {
    out.push(guess("offset", "an `offset` parameter" + (total ? ` and a total at ${total.join(".")}` : ""), {
      type: "DefaultPaginator",
      pagination_strategy: { type: "OffsetIncrement", page_size: pageSize || 100 },
      page_token_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "offset" },
      page_size_option: sizeOption,
    }));
  }
  const pageParam = ["page", "page_number", "pageNumber", "p"].find((p) => query.has(p));
  const pageField = findField(
    body,
    (key, value) => /^(page|current_?page|total_?pages|has_?more)$/i.test(key) && value !== null,
  );
  if (pageParam || pageField) {
    const start = pageParam ? Number(query.get(pageParam)) : 1;
    const paginator: JsonObject = {
      type: "DefaultPaginator",
      pagination_strategy: {
        type: "PageIncrement",
        page_size: pageSize || 100,
        start_from_page: Number.isInteger(start) && start >= 0 ? start : 1,
      },
      page_token_option: {
        type: "RequestOption",
        inject_into: "request_parameter",
        field_name: pageParam ?? "page",
      },
    };
    if (sizeParam) paginator.page_size_option = sizeOption;
    out.push(
      guess(
        "page",
        pageParam ? `a \`${pageParam}\` parameter` : `a ${pageField!.join(".")} field`,
        paginator,
      ),
    );
  }
  if (total && !out.some((g) => g.kind === "offset")) {
    out.push(guess("offset", `a total at ${total.join(".")} (offset/limit is likely)`, {
      type: "DefaultPaginator",
      pagination_strategy: { type: "OffsetIncrement", page_size: pageSize || 100 },
      page_token_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "offset" },
      page_size_option: sizeOption,
    }));
  }
  if (out.length === 0) {
    out.push(guess("none", "no pagination fields found: one page", { type: "NoPagination" }));
  }
  return out;
}
