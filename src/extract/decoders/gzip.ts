/**
 * Gzip support (Airbyte `GzipDecoder` / `GzipParser`): decompresses a gzip body (detected by its magic
 * bytes, otherwise passed through) and hands it to an inner decoder, with a cap on the decompressed size.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import { type DecodeOptions, type Decoder, DEFAULT_MAX_BYTES } from "./types.ts";

/** Prepends `first` to the rest of `reader`. */
function prefixed(
  first: Uint8Array,
  reader: ReadableStreamDefaultReader<Uint8Array>,
): ReadableStream<Uint8Array> {
  let sentFirst = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sentFirst) {
        sentFirst = true;
        if (first.byteLength) {
          controller.enqueue(first);
          return;
        }
      }
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  }, { highWaterMark: 0 });
}

/** Counts bytes through a stream and fails past `max` (the decompression-bomb guard). */
function capped(max: number): TransformStream<Uint8Array, Uint8Array> {
  let total = 0;
  return new TransformStream({
    transform(chunk, controller) {
      total += chunk.byteLength;
      if (total > max) {
        controller.error(
          new SpoutError(
            "http_body_too_large",
            `decompressed body exceeds the ${max}-byte limit (possible decompression bomb); raise maxBytes if expected`,
          ),
        );
        return;
      }
      controller.enqueue(chunk);
    },
  });
}

/**
 * Returns `response` with a gunzipped body when it starts with the gzip magic bytes, else an equivalent
 * response with the same bytes. The decompressed size is capped at `maxBytes`.
 *
 * @example
 * ```ts
 * import { gunzipResponse } from "./gzip.ts";
 * const gz = new Response(new Blob(["hello"]).stream().pipeThrough(new CompressionStream("gzip")));
 * if (await (await gunzipResponse(gz)).text() !== "hello") throw new Error("wrong");
 * ```
 */
export async function gunzipResponse(response: Response, options: DecodeOptions = {}): Promise<Response> {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!response.body) return response;
  const reader = response.body.getReader();
  let head = new Uint8Array(0);
  while (head.byteLength < 2) {
    const { done, value } = await reader.read();
    if (done) break;
    const merged = new Uint8Array(head.byteLength + value.byteLength);
    merged.set(head);
    merged.set(value, head.byteLength);
    head = merged;
  }
  let body: ReadableStream<Uint8Array> = prefixed(head, reader);
  const headers = new Headers(response.headers);
  if (head[0] === 0x1f && head[1] === 0x8b) {
    body = body.pipeThrough(
      new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
    )
      .pipeThrough(capped(max));
    headers.delete("content-length");
    headers.delete("content-encoding");
  }
  const out = new Response(body, { status: response.status, statusText: response.statusText, headers });
  // Keep the original URL for error messages.
  if (response.url) Object.defineProperty(out, "url", { value: response.url });
  return out;
}

/**
 * Wraps a decoder so gzip bodies are decompressed first (plain bodies pass through, as Airbyte's GzipParser).
 *
 * @example
 * ```ts
 * import { gzipDecoder } from "./gzip.ts";
 * import { jsonlDecoder } from "./jsonl.ts";
 * const gz = new Blob(['{"a":1}\n{"a":2}\n']).stream().pipeThrough(new CompressionStream("gzip"));
 * const docs = [];
 * for await (const d of gzipDecoder(jsonlDecoder()).decode(new Response(gz))) docs.push(d);
 * if (docs.length !== 2) throw new Error("wrong");
 * ```
 */
export function gzipDecoder(inner: Decoder): Decoder {
  return {
    async *decode(response: Response, opts?: DecodeOptions): AsyncGenerator<unknown> {
      let unzipped: Response;
      try {
        unzipped = await gunzipResponse(response, opts);
      } catch (e) {
        throw new SpoutError("decode_error", `could not read the gzip body: ${(e as Error).message}`, {
          cause: e,
        });
      }
      try {
        yield* inner.decode(unzipped, opts);
      } catch (e) {
        if (e instanceof SpoutError) throw e;
        throw new SpoutError(
          "decode_error",
          `corrupt or truncated gzip body: ${(e as Error).message ?? e}`,
          { cause: e },
        );
      }
    },
  };
}
