/**
 * Reading response bodies with a size cap. The cap counts bytes *after* decompression (fetch already decodes
 * `Content-Encoding: gzip`/`br`), which is what protects against decompression bombs.
 * @module
 */
import { SpoutError } from "../errors.ts";
import type { Middleware } from "./requester.ts";

/** Default cap on a decoded response body: 256 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024;

/** Options for body readers. */
export interface BodyLimitOptions {
  /** Maximum decoded bytes (default {@link DEFAULT_MAX_BODY_BYTES}). */
  maxBytes?: number;
}

function tooLarge(max: number, url: string): SpoutError {
  return new SpoutError(
    "http_body_too_large",
    `Response body exceeds ${max} bytes after decompression${url ? ` (${url})` : ""}; ` +
      "raise the body size limit if this is expected",
    { failureType: "system_error", details: { maxBytes: max } },
  );
}

function urlOf(response: Response): string {
  try {
    const u = new URL(response.url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "";
  }
}

/**
 * Reads the whole body as bytes, failing with `http_body_too_large` past `maxBytes` (stream is cancelled).
 *
 * @example
 * ```ts
 * import { readBodyBytes } from "./body.ts";
 * const bytes = await readBodyBytes(new Response("hello"), { maxBytes: 10 });
 * if (bytes.length !== 5) throw new Error();
 * let failed = false;
 * await readBodyBytes(new Response("hello world"), { maxBytes: 4 }).catch(() => (failed = true));
 * if (!failed) throw new Error("cap not enforced");
 * ```
 */
export async function readBodyBytes(response: Response, options: BodyLimitOptions = {}): Promise<Uint8Array> {
  const max = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > max) {
        await reader.cancel().catch(() => {});
        throw tooLarge(max, urlOf(response));
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/**
 * Reads the whole body as UTF-8 text with the same cap as {@link readBodyBytes}.
 *
 * @example
 * ```ts
 * import { readBodyText } from "./body.ts";
 * if ((await readBodyText(new Response("héllo"))) !== "héllo") throw new Error();
 * ```
 */
export async function readBodyText(response: Response, options: BodyLimitOptions = {}): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(response, options));
}

/**
 * Returns a response whose body stream errors with `http_body_too_large` once more than `maxBytes` pass
 * through it, so streaming decoders are capped too.
 *
 * @example
 * ```ts
 * import { capBody } from "./body.ts";
 * let failed = false;
 * await capBody(new Response("0123456789"), 5).text().catch(() => (failed = true));
 * if (!failed) throw new Error("cap not enforced");
 * ```
 */
export function capBody(response: Response, maxBytes: number = DEFAULT_MAX_BODY_BYTES): Response {
  if (!response.body) return response;
  // Fast path: a declared, uncompressed length within the cap needs no counting wrapper (fetch enforces it).
  const declared = response.headers.get("content-length");
  if (declared !== null && !response.headers.has("content-encoding") && Number(declared) <= maxBytes) {
    return response;
  }
  const source = response.body.getReader();
  const where = urlOf(response);
  let total = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await source.read();
      if (done) {
        controller.close();
        return;
      }
      total += value.byteLength;
      if (total > maxBytes) {
        await source.cancel().catch(() => {});
        controller.error(tooLarge(maxBytes, where));
        return;
      }
      controller.enqueue(value);
    },
    cancel(reason) {
      return source.cancel(reason);
    },
  });
  return withBody(response, body);
}

/**
 * Copies a response with a new body stream, keeping status, headers and URL.
 *
 * @example
 * ```ts
 * import { withBody } from "./body.ts";
 * const original = new Response("old", { status: 201, headers: { "x-id": "7" } });
 * const copy = withBody(original, new Response("new").body);
 * if (copy.status !== 201 || copy.headers.get("x-id") !== "7" || (await copy.text()) !== "new") throw new Error();
 * await original.body?.cancel();
 * ```
 */
export function withBody(response: Response, body: ReadableStream<Uint8Array> | null): Response {
  const copy = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  if (response.url) Object.defineProperty(copy, "url", { value: response.url });
  return copy;
}

/**
 * Middleware capping every response body at `maxBytes` decoded bytes (default 256 MiB).
 *
 * @example
 * ```ts
 * import { bodyLimit } from "./body.ts";
 * import { compose } from "./requester.ts";
 * const requester = compose(() => Promise.resolve(new Response("x".repeat(100))), bodyLimit({ maxBytes: 10 }));
 * const res = await requester(new Request("http://api.test/"));
 * let failed = false;
 * await res.text().catch(() => (failed = true));
 * if (!failed) throw new Error("cap not enforced");
 * ```
 */
export function bodyLimit(options: BodyLimitOptions = {}): Middleware {
  const max = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  return (next) => async (request) => capBody(await next(request), max);
}
