/**
 * Pagination guards: a repeated token, a token cycle or too many pages end a read with an error instead of
 * looping forever.
 * @module
 */
import type { Env } from "../env.ts";
import { SpoutError } from "../errors.ts";
import type { PageContext, Paginator, RequestParts } from "./types.ts";

/** Options of {@link guardPaginator}. */
export interface GuardOptions {
  /** Most pages per read (per partition). Reaching it with more pages to go fails (or stops, see `onLimit`). */
  maxPages?: number;
  /** "error" (default): throw `pagination_limit`; "stop": end pagination and log a warning. */
  onLimit?: "error" | "stop";
  /** Where the "stop" warning goes. */
  env?: Pick<Env, "log">;
  /** How many distinct tokens are remembered for cycle detection (default 100 000). */
  rememberTokens?: number;
}

function tokenKey(token: unknown): string {
  if (typeof token === "string") return "s" + token;
  if (typeof token === "number") return "n" + token;
  try {
    return "j" + JSON.stringify(token);
  } catch {
    return "x" + String(token);
  }
}

/**
 * Wraps a paginator with loop guards. The guard keeps per-read state, reset by `initialToken()` and
 * `reset()`: wrap once per partition read (it is a cheap object), never share one across concurrent reads.
 *
 * @example
 * ```ts
 * import { guardPaginator } from "./guards.ts";
 * import { SpoutError } from "../errors.ts";
 * import type { RequestParts } from "./types.ts";
 * const sameCursor = { initialToken: () => undefined, nextToken: () => "c1", apply: (p: RequestParts) => p };
 * const g = guardPaginator(sameCursor, { maxPages: 100 });
 * g.initialToken();
 * const page = { response: new Response(), body: {}, records: [], lastPageSize: 1, token: undefined };
 * g.nextToken(page);
 * try {
 *   g.nextToken({ ...page, token: "c1" });
 *   throw new Error("should have failed");
 * } catch (e) {
 *   if (!(e instanceof SpoutError) || e.code !== "pagination_loop") throw e;
 * }
 * ```
 */
export function guardPaginator(paginator: Paginator, options: GuardOptions = {}): Paginator {
  const { maxPages, onLimit = "error", env, rememberTokens = 100_000 } = options;
  let pages = 0;
  let seen = new Set<string>();
  let previous: string | undefined;
  const clear = () => {
    pages = 0;
    seen = new Set();
    previous = undefined;
  };
  return {
    initialToken(): unknown {
      clear();
      const token = paginator.initialToken();
      if (token !== undefined && token !== null) {
        previous = tokenKey(token);
        seen.add(previous);
      }
      return token;
    },
    nextToken(page: PageContext): unknown {
      pages++;
      const token = paginator.nextToken(page);
      if (token === undefined || token === null) return token;
      if (maxPages !== undefined && pages >= maxPages) {
        const message =
          `pagination stopped after the limit of ${maxPages} pages while more pages remained; ` +
          "raise the max-pages limit if the API really has that many pages";
        if (onLimit === "stop") {
          env?.log("WARN", message);
          return undefined;
        }
        throw new SpoutError("pagination_limit", message, { details: { maxPages } });
      }
      const key = tokenKey(token);
      if (key === previous) {
        throw new SpoutError(
          "pagination_loop",
          `the API returned the same next-page token twice in a row (page ${pages}); stopping instead of ` +
            "looping: check the paginator's cursor_value or the API's paging parameters",
        );
      }
      if (seen.has(key)) {
        throw new SpoutError(
          "pagination_loop",
          `the next-page token repeats one already used (page ${pages}): the API pages in a cycle; ` +
            "check the paginator's cursor_value or the API's paging parameters",
        );
      }
      if (seen.size < rememberTokens) seen.add(key);
      previous = key;
      return token;
    },
    apply: (parts: RequestParts, token: unknown): RequestParts => paginator.apply(parts, token),
    reset(): void {
      clear();
      paginator.reset?.();
    },
  };
}
