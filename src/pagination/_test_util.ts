// Test-only helpers: a tiny page loop over an in-memory API.
import type { PageContext, Paginator, RequestParts } from "./types.ts";

export function emptyParts(): RequestParts {
  return { path: "/items", query: {}, headers: {} };
}

export function pageOf(
  records: unknown[],
  token: unknown,
  body: unknown = {},
  headers?: HeadersInit,
): PageContext {
  const recs = records as Record<string, unknown>[];
  return {
    response: new Response(null, { headers }),
    body,
    records: recs,
    lastPageSize: recs.length,
    lastRecord: recs[recs.length - 1],
    token,
  };
}

/** Runs `paginator` against `api` (request parts -> records), returning every request made. */
export function runPages(
  paginator: Paginator,
  api: (parts: RequestParts) => { records: unknown[]; body?: unknown; headers?: HeadersInit },
  maxRequests = 100,
): RequestParts[] {
  const requests: RequestParts[] = [];
  let token = paginator.initialToken();
  for (let i = 0; i < maxRequests; i++) {
    const parts = paginator.apply(emptyParts(), token);
    requests.push(parts);
    const res = api(parts);
    const next = paginator.nextToken(pageOf(res.records, token, res.body ?? {}, res.headers));
    if (next === undefined) return requests;
    token = next;
  }
  throw new Error("too many requests");
}
