/**
 * A fault-injecting loopback HTTP/1.1 server for reliability tests. It speaks raw HTTP over TCP so it can do
 * what a well-behaved server library refuses to: declare a Content-Length larger than what it sends, reset a
 * connection, stall forever, or send a gzip bomb. Every request is recorded.
 *
 * Faults are chosen per request by `handler` (returns a {@link Fault}); `flaky` injects seeded 5xx/429 before
 * the handler runs. `maxRequests` bounds every test: past it the server answers 599 and the test fails loudly.
 * @module
 */

/** How a 429/503 tells the client to wait. */
export type RetryAfterVariant =
  | { kind: "seconds"; seconds: number }
  | { kind: "http-date"; date: Date }
  | { kind: "ratelimit-reset"; seconds: number }
  | { kind: "x-ratelimit-reset"; epochSeconds: number };

/** What the server does with one request. */
export type Fault =
  | { kind: "json"; body: unknown; status?: number; headers?: Record<string, string> }
  | { kind: "text"; body: string | Uint8Array; status?: number; headers?: Record<string, string> }
  | {
    kind: "status";
    status: number;
    retryAfter?: RetryAfterVariant;
    body?: string;
    headers?: Record<string, string>;
  }
  /** Never answers (until the client gives up or the server closes). */
  | { kind: "stall" }
  /** Sends the status line and headers, then never sends the body. */
  | { kind: "stall-body"; declaredLength: number }
  /** Waits `delayMs` (real time), then does `then`. */
  | { kind: "slow"; delayMs: number; then: Fault }
  /** Declares `declaredLength` bytes, sends `body` (shorter), then closes the connection. */
  | {
    kind: "truncate";
    body: string;
    declaredLength: number;
    status?: number;
    headers?: Record<string, string>;
  }
  /** Closes the connection without any response. */
  | { kind: "reset" }
  /** A redirect to `location`. */
  | { kind: "redirect"; location: string; status?: 301 | 302 | 303 | 307 | 308 }
  /** `Content-Encoding: gzip` body of `inflatedMiB` MiB of JSON whitespace inside `{"data": [ ... ]}`. */
  | { kind: "gzip-bomb"; inflatedMiB: number };

/** One recorded request. */
export interface RecordedRequest {
  /** 1-based arrival number. */
  n: number;
  method: string;
  /** Path without query. */
  path: string;
  /** Query parameters (last value wins). */
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
}

/** Seeded transient failures injected before the handler. */
export interface FlakyOptions {
  /** Fraction of requests answered 503 (e.g. 0.05). */
  rate503?: number;
  /** Fraction of requests answered 429 (e.g. 0.01). */
  rate429?: number;
  /** Wait hint sent with the 429s (default `Retry-After: 0`). */
  retryAfter?: RetryAfterVariant;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Requests never failed (e.g. token endpoints). */
  exempt?: (request: RecordedRequest) => boolean;
}

/** Options of {@link startFaultServer}. */
export interface FaultServerOptions {
  /** Chooses the fault for a request. */
  handler: (request: RecordedRequest) => Fault | Promise<Fault>;
  /** Seeded 503/429 injection. */
  flaky?: FlakyOptions;
  /** Hard bound on requests (default 2000); later requests get status 599. */
  maxRequests?: number;
  /** Keep request bodies/headers of at most this many requests (default all; the soak bench keeps none). */
  keepRequests?: number;
}

/** A running fault server. */
export interface FaultServer {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Every request received (bounded by `keepRequests`). */
  requests: RecordedRequest[];
  /** Number of requests received. */
  count(): number;
  /** Number of injected transient failures. */
  injected(): number;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

/** A seeded PRNG in [0, 1) (Park–Miller). */
export function seededRandom(seed: number): () => number {
  let s = Math.max(1, Math.floor(seed) % 2147483647);
  return () => ((s = (s * 48271) % 2147483647) / 2147483647);
}

const REASONS: Record<number, string> = {
  200: "OK",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  408: "Request Timeout",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();

let bombCache: { mib: number; bytes: Uint8Array } | undefined;

/** Gzip of `{"data": [` + `mib` MiB of spaces + `]}` (cached; ~1 KiB compressed per MiB). */
export async function gzipBomb(mib: number): Promise<Uint8Array> {
  if (bombCache?.mib === mib) return bombCache.bytes;
  const stream = new CompressionStream("gzip");
  const writer = stream.writable.getWriter();
  const chunk = new Uint8Array(1 << 20).fill(0x20);
  const writing = (async () => {
    await writer.write(encoder.encode('{"data": ['));
    for (let i = 0; i < mib; i++) await writer.write(chunk);
    await writer.write(encoder.encode("]}"));
    await writer.close();
  })();
  const bytes = new Uint8Array(await new Response(stream.readable).arrayBuffer());
  await writing;
  bombCache = { mib, bytes };
  return bytes;
}

function retryAfterHeaders(variant: RetryAfterVariant | undefined): Record<string, string> {
  if (!variant) return {};
  switch (variant.kind) {
    case "seconds":
      return { "retry-after": String(variant.seconds) };
    case "http-date":
      return { "retry-after": variant.date.toUTCString() };
    case "ratelimit-reset":
      return { "ratelimit-reset": String(variant.seconds) };
    case "x-ratelimit-reset":
      return { "x-ratelimit-reset": String(variant.epochSeconds) };
  }
}

function head(status: number, headers: Record<string, string>, length: number): Uint8Array {
  const lines = [`HTTP/1.1 ${status} ${REASONS[status] ?? "Status"}`];
  const all: Record<string, string> = {
    "content-length": String(length),
    connection: "keep-alive",
    ...headers,
  };
  for (const [k, v] of Object.entries(all)) lines.push(`${k}: ${v}`);
  return encoder.encode(lines.join("\r\n") + "\r\n\r\n");
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function headerEnd(buf: Uint8Array): number {
  for (let i = 3; i < buf.length; i++) {
    if (buf[i] === 10 && buf[i - 1] === 13 && buf[i - 2] === 10 && buf[i - 3] === 13) return i + 1;
  }
  return -1;
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  let off = 0;
  while (off < bytes.length) off += await conn.write(bytes.subarray(off));
}

/**
 * Starts a fault server on 127.0.0.1 (random port).
 *
 * @example
 * ```ts
 * import { startFaultServer } from "./fault_server.ts";
 * const server = startFaultServer({ handler: () => ({ kind: "json", body: { ok: true } }) });
 * const body = await (await fetch(`${server.url}/x?a=1`)).json();
 * await server.close();
 * if (!body.ok || server.requests[0].query.a !== "1") throw new Error("unexpected");
 * ```
 */
export function startFaultServer(options: FaultServerOptions): FaultServer {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  const url = `http://127.0.0.1:${port}`;
  const requests: RecordedRequest[] = [];
  const conns = new Set<Deno.Conn>();
  const tasks = new Set<Promise<void>>();
  const maxRequests = options.maxRequests ?? 2000;
  const keep = options.keepRequests ?? Infinity;
  const random = seededRandom(options.flaky?.seed ?? 1);
  let closed = false;
  let count = 0;
  let injected = 0;
  let wakeClosed: () => void = () => {};
  const closedSignal = new Promise<void>((resolve) => (wakeClosed = resolve));

  const decide = async (request: RecordedRequest): Promise<Fault> => {
    if (request.n > maxRequests) {
      return { kind: "status", status: 599, body: "fault server: maxRequests exceeded" };
    }
    const flaky = options.flaky;
    if (flaky && !flaky.exempt?.(request)) {
      const roll = random();
      const r503 = flaky.rate503 ?? 0;
      if (roll < r503) {
        injected++;
        return { kind: "status", status: 503, body: "busy" };
      }
      if (roll < r503 + (flaky.rate429 ?? 0)) {
        injected++;
        return {
          kind: "status",
          status: 429,
          retryAfter: flaky.retryAfter ?? { kind: "seconds", seconds: 0 },
        };
      }
    }
    return await options.handler(request);
  };

  // Returns false when the connection must be closed.
  const respond = async (conn: Deno.Conn, fault: Fault): Promise<boolean> => {
    switch (fault.kind) {
      case "json":
      case "text":
      case "status": {
        const body = fault.kind === "json"
          ? encoder.encode(JSON.stringify(fault.body))
          : fault.kind === "text"
          ? (typeof fault.body === "string" ? encoder.encode(fault.body) : fault.body)
          : encoder.encode(fault.body ?? "");
        const headers = {
          "content-type": fault.kind === "json" ? "application/json" : "text/plain",
          ...(fault.kind === "status" ? retryAfterHeaders(fault.retryAfter) : {}),
          ...fault.headers,
        };
        await writeAll(conn, concat(head(fault.status ?? 200, headers, body.length), body));
        return true;
      }
      case "redirect":
        await writeAll(conn, head(fault.status ?? 302, { location: fault.location }, 0));
        return true;
      case "gzip-bomb": {
        const body = await gzipBomb(fault.inflatedMiB);
        const headers = { "content-type": "application/json", "content-encoding": "gzip" };
        await writeAll(conn, concat(head(200, headers, body.length), body));
        return true;
      }
      case "truncate": {
        const body = encoder.encode(fault.body);
        const headers = { "content-type": "application/json", ...fault.headers };
        await writeAll(conn, concat(head(fault.status ?? 200, headers, fault.declaredLength), body));
        return false;
      }
      case "reset":
        return false;
      case "stall":
      case "stall-body": {
        if (fault.kind === "stall-body") {
          await writeAll(conn, head(200, { "content-type": "application/json" }, fault.declaredLength));
        }
        // Until the client hangs up (read returns null / throws) or the server closes.
        const sink = new Uint8Array(1024);
        const hangup = (async () => {
          try {
            while ((await conn.read(sink)) !== null) { /* discard */ }
          } catch { /* closed */ }
        })();
        await Promise.race([hangup, closedSignal]);
        return false;
      }
      case "slow":
        await Promise.race([new Promise((r) => setTimeout(r, fault.delayMs)), closedSignal]);
        if (closed) return false;
        return await respond(conn, fault.then);
    }
  };

  const serveConn = async (conn: Deno.Conn): Promise<void> => {
    let buf: Uint8Array = new Uint8Array(0);
    const chunk = new Uint8Array(64 * 1024);
    const fill = async (): Promise<boolean> => {
      const n = await conn.read(chunk);
      if (n === null) return false;
      buf = concat(buf, chunk.subarray(0, n));
      return true;
    };
    try {
      while (!closed) {
        let end = headerEnd(buf);
        while (end < 0) {
          if (!(await fill()) || buf.length > 1 << 20) return;
          end = headerEnd(buf);
        }
        const lines = decoder.decode(buf.subarray(0, end)).split("\r\n");
        const [method, target] = lines[0].split(" ");
        const headers: Record<string, string> = {};
        for (const line of lines.slice(1)) {
          const i = line.indexOf(":");
          if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
        }
        const length = Number(headers["content-length"] ?? 0);
        while (buf.length < end + length) if (!(await fill())) return;
        const body = decoder.decode(buf.subarray(end, end + length));
        buf = buf.slice(end + length);
        const parsed = new URL(target, url);
        const request: RecordedRequest = {
          n: ++count,
          method,
          path: parsed.pathname,
          query: Object.fromEntries(parsed.searchParams),
          headers,
          body,
        };
        if (requests.length < keep) requests.push(request);
        const fault = await decide(request);
        if (!(await respond(conn, fault))) return;
        if (headers.connection?.toLowerCase() === "close") return;
      }
    } catch {
      // the client went away
    } finally {
      conns.delete(conn);
      try {
        conn.close();
      } catch { /* already closed */ }
    }
  };

  const accepting = (async () => {
    try {
      for await (const conn of listener) {
        conns.add(conn);
        const task = serveConn(conn);
        tasks.add(task);
        task.finally(() => tasks.delete(task));
      }
    } catch {
      // listener closed
    }
  })();

  return {
    url,
    requests,
    count: () => count,
    injected: () => injected,
    close: async () => {
      if (closed) return;
      closed = true;
      wakeClosed();
      try {
        listener.close();
      } catch { /* closed */ }
      for (const conn of conns) {
        try {
          conn.close();
        } catch { /* closed */ }
      }
      await accepting;
      await Promise.allSettled([...tasks]);
    },
  };
}

/** A JSON reply. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Fault {
  return { kind: "json", body, status, headers };
}
