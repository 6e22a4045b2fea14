/**
 * Per-attempt timeouts via AbortSignal: a first-byte timeout (until response headers) and a total timeout
 * (until the body is fully read). Both fail with `http_timeout`, which the retry layer retries.
 * @module
 */
import { SpoutError } from "../errors.ts";
import { withBody } from "./body.ts";
import type { Middleware } from "./requester.ts";

/** Waits `ms` or rejects when `signal` aborts. */
export type Timer = (ms: number, signal: AbortSignal) => Promise<void>;

/** Options for {@link timeout}. */
export interface TimeoutOptions {
  /** Whole attempt, headers and body (default 300 000 ms = 5 min). */
  totalMs?: number;
  /** Until response headers arrive (default 120 000 ms). */
  firstByteMs?: number;
  /** Timer implementation (default: real timers, cleared when the body is read or cancelled). */
  timer?: Timer;
}

/** Default total timeout per attempt. */
export const DEFAULT_TOTAL_TIMEOUT_MS = 300_000;
/** Default first-byte timeout per attempt. */
export const DEFAULT_FIRST_BYTE_TIMEOUT_MS = 120_000;

/**
 * A real, abortable timer (callers should consume or cancel response bodies so it is cleared).
 *
 * @example
 * ```ts
 * import { realTimer } from "./timeout.ts";
 * const controller = new AbortController();
 * const timer = realTimer(60_000, controller.signal);
 * controller.abort(new Error("cancelled"));
 * if ((await timer.catch((error: Error) => error.message)) !== "cancelled") throw new Error();
 * ```
 */
export function realTimer(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const handle = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    const onAbort = () => {
      clearTimeout(handle);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

function anySignal(signals: AbortSignal[]): AbortSignal {
  const withAny = AbortSignal as unknown as { any?: (s: AbortSignal[]) => AbortSignal };
  if (withAny.any) return withAny.any(signals);
  const controller = new AbortController();
  for (const s of signals) {
    if (s.aborted) {
      controller.abort(s.reason);
      break;
    }
    s.addEventListener("abort", () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}

function origin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "";
  }
}

/** Reason used to cancel timers that are no longer needed (a constant: no DOMException per request). */
const DONE = Symbol("timer no longer needed");

/**
 * Aborts an attempt that gets no headers within `firstByteMs` or does not finish within `totalMs`.
 *
 * @example
 * ```ts
 * import { timeout } from "./timeout.ts";
 * import { compose } from "./requester.ts";
 * const never = (r: Request) => new Promise<Response>((_, reject) => r.signal.addEventListener("abort", () => reject(r.signal.reason)));
 * const requester = compose(never, timeout({ firstByteMs: 10 }));
 * const err = await requester(new Request("http://api.test/")).catch((e) => e);
 * if (err.code !== "http_timeout") throw new Error("expected a timeout");
 * ```
 */
export function timeout(options: TimeoutOptions = {}): Middleware {
  const totalMs = options.totalMs ?? DEFAULT_TOTAL_TIMEOUT_MS;
  const firstByteMs = Math.min(options.firstByteMs ?? DEFAULT_FIRST_BYTE_TIMEOUT_MS, totalMs);
  const timer = options.timer ?? realTimer;
  return (next) => async (request) => {
    const controller = new AbortController();
    const stopTotal = new AbortController();
    const stopFirst = new AbortController();
    const where = `${request.method} ${origin(request.url)}`;
    const fire = (what: string, ms: number) => () =>
      controller.abort(
        new SpoutError(
          "http_timeout",
          `${what} timeout after ${ms} ms: ${where}; the API is slow or unreachable`,
          {
            details: { ms },
          },
        ),
      );
    timer(totalMs, stopTotal.signal).then(fire("Total", totalMs), () => {});
    timer(firstByteMs, stopFirst.signal).then(fire("First-byte", firstByteMs), () => {});
    const stopAll = () => {
      stopTotal.abort(DONE);
      stopFirst.abort(DONE);
    };
    let rejectOnAbort!: (reason: unknown) => void;
    const aborted = new Promise<never>((_, reject) => (rejectOnAbort = reject));
    aborted.catch(() => {});
    controller.signal.addEventListener("abort", () => rejectOnAbort(controller.signal.reason), {
      once: true,
    });

    let response: Response;
    try {
      const signal = anySignal([request.signal, controller.signal]);
      response = await Promise.race([next(new Request(request, { signal })), aborted]);
    } catch (error) {
      stopAll();
      throw controller.signal.aborted ? controller.signal.reason : error;
    }
    stopFirst.abort(DONE);
    if (!response.body) {
      stopTotal.abort(DONE);
      return response;
    }
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(c) {
        try {
          const { done, value } = await Promise.race([reader.read(), aborted]);
          if (done) {
            stopTotal.abort(DONE);
            c.close();
          } else c.enqueue(value);
        } catch (error) {
          stopTotal.abort(DONE);
          reader.cancel().catch(() => {});
          c.error(controller.signal.aborted ? controller.signal.reason : error);
        }
      },
      cancel(reason) {
        stopTotal.abort(DONE);
        return reader.cancel(reason);
      },
    });
    return withBody(response, body);
  };
}
