/**
 * Per-attempt timeouts: a first-byte timeout (until response headers) and a total timeout (until the body is
 * fully read, so a body that stalls mid-way fails too). Both fail with `http_timeout`, which the retry layer
 * retries.
 *
 * Cost on the happy path: one `Request` (to attach the attempt's signal), two plain timers cleared with
 * `clearTimeout`, and no stream in between: the response keeps its native body. Its body readers (`text()`,
 * `arrayBuffer()`, `json()`, …) are wrapped on the instance to clear the timers once the body is read, and
 * `response.body` (streaming consumers) is wrapped lazily, only when someone asks for it. A timeout aborts the
 * signal fetch was given, which errors an in-flight body; reads also race the abort, so a transport that
 * ignores its signal still times out.
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
  /**
   * Timer implementation, for tests (default: `setTimeout`, cleared with `clearTimeout` once the body is read
   * or cancelled).
   */
  timer?: Timer;
  /**
   * Redirect mode of the attempt's request (default: the request's own). `httpChain` sets `"manual"`, so its
   * redirect layer needs no request copy of its own.
   */
  redirect?: RequestRedirect;
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

function origin(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "";
  }
}

/** Reason used to cancel injected timers that are no longer needed (a constant: no DOMException each). */
const DONE = Symbol("timer no longer needed");
const noop = () => {};

/** Runs `fire` after `ms`; returns the function that cancels it. */
type Schedule = (ms: number, fire: () => void) => () => void;

const realSchedule: Schedule = (ms, fire) => {
  const handle = setTimeout(fire, Math.max(0, ms));
  return () => clearTimeout(handle);
};

function injectedSchedule(timer: Timer): Schedule {
  return (ms, fire) => {
    const stop = new AbortController();
    timer(ms, stop.signal).then(fire, noop);
    return () => stop.abort(DONE);
  };
}

/** One attempt's state, shared by the wrapped body readers of its response. */
interface Attempt {
  /** Clears the timers and unlinks the caller's signal (idempotent). */
  finish(): void;
  /** Rejects with the abort reason once the attempt is aborted (a timeout or the caller). */
  aborted: Promise<never>;
  /** The signal fetch was given. */
  signal: AbortSignal;
  /** The lazily wrapped `body` stream. */
  wrapped?: ReadableStream<Uint8Array> | null;
  /** True once the wrapped stream was read from (it then holds the native body's reader). */
  started?: boolean;
}

/** A response with its attempt stored under the hooked prototype's own key (nested timeouts do not clash). */
type Timed = Response & { [key: symbol]: Attempt };

function reasonOr(attempt: Attempt, error: unknown): unknown {
  return attempt.signal.aborted ? attempt.signal.reason : error;
}

/** Streams `source` through, clearing the attempt's timers at its end, error or cancel. */
function timedStream(attempt: Attempt, source: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Locks the source only when read, so `response.body !== null` checks keep the native readers usable.
      if (!reader) {
        reader = source.getReader();
        attempt.started = true;
      }
      try {
        const { done, value } = await Promise.race([reader.read(), attempt.aborted]);
        if (done) {
          attempt.finish();
          controller.close();
        } else controller.enqueue(value);
      } catch (error) {
        attempt.finish();
        reader.cancel().catch(noop);
        controller.error(reasonOr(attempt, error));
      }
    },
    cancel(reason) {
      attempt.finish();
      return reader ? reader.cancel(reason) : source.cancel(reason);
    },
  }, { highWaterMark: 0 });
}

type Reader = (this: Response) => Promise<unknown>;

/** `proto`'s body reader `native`, clearing the attempt's timers when it settles. */
function timedReader(native: Reader, key: symbol) {
  return function (this: Timed): Promise<unknown> {
    const attempt = this[key];
    return Promise.race([native.call(this), attempt.aborted]).then(
      (value) => {
        attempt.finish();
        return value;
      },
      (error) => {
        attempt.finish();
        throw reasonOr(attempt, error);
      },
    );
  };
}

const READERS = ["arrayBuffer", "blob", "bytes", "formData", "json", "text"];

/**
 * A prototype over `proto` (usually `Response.prototype`) whose body readers clear the attempt's timers, whose
 * `body` is wrapped lazily (streaming consumers), and whose `clone()` keeps both copies readable.
 */
function timedPrototype(proto: object, key: symbol): object {
  const nativeClone = (proto as { clone(this: Response): Response }).clone;
  const descriptors: PropertyDescriptorMap = {
    body: {
      configurable: true,
      get(this: Timed): ReadableStream<Uint8Array> | null {
        const attempt = this[key];
        if (attempt.wrapped === undefined) {
          const native = Reflect.get(proto, "body", this) as ReadableStream<Uint8Array> | null;
          attempt.wrapped = native ? timedStream(attempt, native) : null;
        }
        return attempt.wrapped;
      },
    },
    clone: {
      configurable: true,
      writable: true,
      // clone() tees the native body: a wrapper not read yet is rebuilt over the new native stream.
      value(this: Timed): Response {
        const copy = nativeClone.call(this);
        const attempt = this[key];
        if (attempt.wrapped && !attempt.started) attempt.wrapped = undefined;
        return copy;
      },
    },
  };
  for (const name of READERS) {
    const native = (proto as Record<string, unknown>)[name];
    if (typeof native === "function") {
      descriptors[name] = { value: timedReader(native as Reader, key), configurable: true, writable: true };
    }
  }
  return Object.create(proto, descriptors);
}

const TIMED_PROTOTYPES = new WeakMap<object, { proto: object; key: symbol }>();

/**
 * Hooks the body readers of `response` (same object, native body): one prototype switch (about 8x cheaper than
 * defining the hooks on each response); a re-streamed copy if that fails.
 */
function timed(response: Response, attempt: Attempt): Response {
  try {
    const proto = Object.getPrototypeOf(response) as object;
    let hooked = TIMED_PROTOTYPES.get(proto);
    if (!hooked) {
      const key = Symbol("spout.http.timeout");
      TIMED_PROTOTYPES.set(proto, hooked = { proto: timedPrototype(proto, key), key });
    }
    (response as Timed)[hooked.key] = attempt;
    Object.setPrototypeOf(response, hooked.proto);
    return response;
  } catch {
    return withBody(response, timedStream(attempt, response.body!));
  }
}

/**
 * Aborts an attempt that gets no headers within `firstByteMs` or does not finish within `totalMs` (a body
 * that stalls after the headers fails with the total timeout).
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
  const schedule = options.timer ? injectedSchedule(options.timer) : realSchedule;
  const redirect = options.redirect;
  return (next) => async (request) => {
    const outer = request.signal;
    if (outer.aborted) throw outer.reason;
    const controller = new AbortController();
    let rejectAborted!: (reason: unknown) => void;
    const aborted = new Promise<never>((_, reject) => (rejectAborted = reject));
    aborted.catch(noop);
    const abort = (reason: unknown) => {
      if (controller.signal.aborted) return;
      controller.abort(reason);
      rejectAborted(reason);
    };
    const fire = (what: string, ms: number) => () =>
      abort(
        new SpoutError(
          "http_timeout",
          `${what} timeout after ${ms} ms: ${request.method} ${
            origin(request.url)
          }; the API is slow or unreachable`,
          { details: { ms } },
        ),
      );
    const onOuter = () => abort(outer.reason);
    outer.addEventListener("abort", onOuter);
    const cancelTotal = schedule(totalMs, fire("Total", totalMs));
    const cancelFirst = schedule(firstByteMs, fire("First-byte", firstByteMs));
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      cancelFirst();
      cancelTotal();
      outer.removeEventListener("abort", onOuter);
    };

    let response: Response;
    try {
      response = await Promise.race([
        next(
          new Request(
            request,
            redirect ? { signal: controller.signal, redirect } : { signal: controller.signal },
          ),
        ),
        aborted,
      ]);
    } catch (error) {
      finish();
      throw controller.signal.aborted ? controller.signal.reason : error;
    }
    cancelFirst();
    if (!response.body) {
      finish();
      return response;
    }
    return timed(response, { finish, aborted, signal: controller.signal });
  };
}
