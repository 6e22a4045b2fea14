/**
 * Reading response bodies with a size cap, as bytes chunks or text.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import { type DecodeOptions, DEFAULT_MAX_BYTES } from "./types.ts";

/**
 * A short description of a response for error messages (status, content type, URL without query).
 *
 * @example
 * ```ts
 * import { describeResponse } from "./body.ts";
 * const text = describeResponse(new Response("", { status: 502, headers: { "content-type": "text/html" } }));
 * if (text !== "HTTP 502 (text/html)") throw new Error(text);
 * ```
 */
export function describeResponse(response: Response): string {
  const type = response.headers.get("content-type") ?? "no content-type";
  let where = "";
  if (response.url) {
    try {
      const u = new URL(response.url);
      where = ` from ${u.origin}${u.pathname}`;
    } catch { /* ignore */ }
  }
  return `HTTP ${response.status} (${type})${where}`;
}

function tooLarge(max: number, response: Response): SpoutError {
  return new SpoutError(
    "http_body_too_large",
    `response body exceeds the ${max}-byte limit (${
      describeResponse(response)
    }); raise maxBytes if this is expected`,
  );
}

/**
 * Yields the body's byte chunks, failing once more than `maxBytes` arrived.
 *
 * @example
 * ```ts
 * import { byteChunks } from "./body.ts";
 * let total = 0;
 * for await (const chunk of byteChunks(new Response("hello"))) total += chunk.length;
 * if (total !== 5) throw new Error(String(total));
 * const capped = await (async () => {
 *   for await (const chunk of byteChunks(new Response("too long"), { maxBytes: 3 })) void chunk;
 * })().then(() => "read", (error: { code?: string }) => error.code);
 * if (capped !== "http_body_too_large") throw new Error(capped);
 * ```
 */
export async function* byteChunks(
  response: Response,
  options: DecodeOptions = {},
): AsyncGenerator<Uint8Array> {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > max) throw tooLarge(max, response);
  if (!response.body) return;
  const reader = response.body.getReader();
  let total = 0;
  try {
    while (true) {
      if (options.signal?.aborted) throw options.signal.reason;
      const { done, value } = await reader.read();
      if (done) return;
      total += value.byteLength;
      if (total > max) throw tooLarge(max, response);
      yield value;
    }
  } finally {
    reader.releaseLock();
    if (total > max || options.signal?.aborted) response.body.cancel().catch(() => {});
  }
}

/**
 * Yields decoded text chunks (BOM removed, multi-byte characters never split).
 *
 * @example
 * ```ts
 * import { textChunks } from "./body.ts";
 * const bytes = new TextEncoder().encode("\uFEFFhé");
 * async function* split() {
 *   yield bytes.slice(0, 4); // the BOM and half of "é"
 *   yield bytes.slice(4);
 * }
 * let text = "";
 * for await (const part of textChunks(split())) text += part;
 * if (text !== "hé") throw new Error(text);
 * ```
 */
export async function* textChunks(
  chunks: AsyncIterable<Uint8Array>,
  encoding = "utf-8",
): AsyncGenerator<string> {
  const decoder = makeTextDecoder(encoding);
  for await (const chunk of chunks) {
    const s = decoder.decode(chunk, { stream: true });
    if (s) yield s;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** A TextDecoder for `encoding`; unknown encodings are a `config_invalid` error. */
export function makeTextDecoder(encoding = "utf-8"): TextDecoder {
  try {
    return new TextDecoder(toWhatwgEncoding(encoding), { fatal: false });
  } catch {
    throw new SpoutError(
      "config_invalid",
      `unknown text encoding "${encoding}": use a WHATWG encoding label`,
    );
  }
}

const PYTHON_ALIASES: ReadonlyMap<string, string> = new Map([
  ["utf-8-sig", "utf-8"], // the BOM is dropped by TextDecoder anyway
  ["utf8-sig", "utf-8"],
  ["latin-1", "iso-8859-1"],
  ["l1", "iso-8859-1"],
  ["cp1252", "windows-1252"],
  ["utf-16-le", "utf-16le"],
  ["utf-16-be", "utf-16be"],
]);

/**
 * Maps a Python codec name (as manifests write them: `utf_8`, `utf-8-sig`, `latin-1`) to a WHATWG label.
 *
 * @example
 * ```ts
 * import { toWhatwgEncoding } from "./body.ts";
 * if (toWhatwgEncoding("UTF_8_SIG") !== "utf-8") throw new Error("wrong");
 * ```
 */
export function toWhatwgEncoding(encoding: string): string {
  const e = encoding.trim().toLowerCase().replace(/_/g, "-");
  return PYTHON_ALIASES.get(e) ?? e;
}

/**
 * Reads the whole body as text, capped.
 *
 * @example
 * ```ts
 * import { readText } from "./body.ts";
 * if ((await readText(new Response("\uFEFF{}"))) !== "{}") throw new Error("BOM removed");
 * ```
 */
export async function readText(
  response: Response,
  options: DecodeOptions = {},
  encoding = "utf-8",
): Promise<string> {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const declared = Number(response.headers.get("content-length") ?? NaN);
  // Fast path: a declared length within the cap lets the runtime read the body natively.
  if (declared <= max && UTF8_LABELS.has(toWhatwgEncoding(encoding)) && !options.signal) {
    const text = await response.text();
    if (text.length > max) throw tooLarge(max, response);
    return text;
  }
  // Collect bytes (capped), then decode once: faster than incremental decoding and joining.
  return makeTextDecoder(encoding).decode(await readBytes(response, options));
}

/**
 * Reads the whole body as bytes, capped.
 *
 * @example
 * ```ts
 * import { readBytes } from "./body.ts";
 * if ((await readBytes(new Response("abc"))).length !== 3) throw new Error();
 * ```
 */
export async function readBytes(response: Response, options: DecodeOptions = {}): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const c of byteChunks(response, options)) {
    chunks.push(c);
    total += c.byteLength;
  }
  if (chunks.length === 1) return chunks[0];
  const all = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    all.set(c, offset);
    offset += c.byteLength;
  }
  return all;
}

const UTF8_LABELS: ReadonlySet<string> = new Set(["utf-8", "utf8", "unicode-1-1-utf-8"]);

/**
 * The charset parameter of the response's content type, if any.
 *
 * @example
 * ```ts
 * import { charsetOf } from "./body.ts";
 * const response = new Response("", { headers: { "content-type": "text/csv; charset=ISO-8859-1" } });
 * if (charsetOf(response)?.toLowerCase() !== "iso-8859-1" || charsetOf(new Response(null)) !== undefined) throw new Error();
 * ```
 */
export function charsetOf(response: Response): string | undefined {
  const type = response.headers.get("content-type");
  const m = type ? /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(type) : null;
  return m ? m[1] : undefined;
}
