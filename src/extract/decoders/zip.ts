/**
 * Airbyte's `ZipfileDecoder`: a zip archive body; every file is decoded by the inner decoder, in archive
 * order. Stored and deflated entries are supported; the total decompressed size is capped.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import { byteChunks, describeResponse } from "./body.ts";
import { type DecodeOptions, type Decoder, DEFAULT_MAX_BYTES } from "./types.ts";

/** One file of a zip archive. */
export interface ZipEntry {
  /** Path inside the archive. */
  name: string;
  /** Decompressed bytes. */
  data: Uint8Array;
}

function bad(message: string): never {
  throw new SpoutError("decode_error", `invalid zip archive: ${message}`);
}

async function inflateRaw(data: Uint8Array, max: number): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(
    new DecompressionStream("deflate-raw") as unknown as TransformStream<Uint8Array, Uint8Array>,
  );
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.byteLength;
    if (total > max) {
      throw new SpoutError(
        "http_body_too_large",
        `zip entry inflates past the ${max}-byte limit (zip bomb?)`,
      );
    }
    parts.push(chunk);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.byteLength;
  }
  return out;
}

/**
 * Reads the files of a zip archive (central directory order), skipping directories.
 *
 * @example
 * ```ts
 * import { readZip } from "./zip.ts";
 * // An archive with one stored file "a.txt" containing "hi".
 * const b64 = "UEsDBBQAAAAAAAAAIUisKpPYAgAAAAIAAAAFAAAAYS50eHRoaVBLAQIUAxQAAAAAAAAAIUisKpPYAgAAAAIAAAAFAAAAAAAAAAAAAACAAQAAAABhLnR4dFBLBQYAAAAAAQABADMAAAAlAAAAAAA=";
 * const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
 * const [entry] = await readZip(bytes);
 * if (entry.name !== "a.txt" || new TextDecoder().decode(entry.data) !== "hi") throw new Error("wrong");
 * ```
 */
export async function readZip(bytes: Uint8Array, maxBytes = DEFAULT_MAX_BYTES): Promise<ZipEntry[]> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) bad("no end-of-central-directory record (not a zip file, or truncated)");
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  if (count === 0xffff || p === 0xffffffff) bad("ZIP64 archives are not supported");
  const names = new TextDecoder();
  const out: ZipEntry[] = [];
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) bad("corrupt central directory");
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compSize = view.getUint32(p + 20, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const local = view.getUint32(p + 42, true);
    const name = names.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith("/")) continue;
    if (flags & 1) bad(`"${name}" is encrypted`);
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) {
      bad(`corrupt local header of "${name}"`);
    }
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + compSize > bytes.length) bad(`"${name}" is truncated`);
    const raw = bytes.subarray(start, start + compSize);
    let data: Uint8Array;
    if (method === 0) data = raw;
    else if (method === 8) {
      try {
        data = await inflateRaw(raw, maxBytes - total);
      } catch (e) {
        if (e instanceof SpoutError) throw e;
        bad(`"${name}" does not inflate: ${(e as Error).message}`);
      }
    } else bad(`"${name}" uses unsupported compression method ${method}`);
    total += data.byteLength;
    if (total > maxBytes) {
      throw new SpoutError("http_body_too_large", `zip contents exceed the ${maxBytes}-byte limit`);
    }
    out.push({ name, data });
  }
  return out;
}

/**
 * The zip decoder: each file of the archive goes through `inner` (e.g. a CSV or JSONL decoder).
 *
 * @example
 * ```ts
 * import { zipDecoder } from "./zip.ts";
 * import { iterableDecoder } from "./iterable.ts";
 * const b64 = "UEsDBBQAAAAAAAAAIUisKpPYAgAAAAIAAAAFAAAAYS50eHRoaVBLAQIUAxQAAAAAAAAAIUisKpPYAgAAAAIAAAAFAAAAAAAAAAAAAACAAQAAAABhLnR4dFBLBQYAAAAAAQABADMAAAAlAAAAAAA=";
 * const res = new Response(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
 * const docs = [];
 * for await (const d of zipDecoder(iterableDecoder()).decode(res)) docs.push(d);
 * if (JSON.stringify(docs) !== '[{"record":"hi"}]') throw new Error(JSON.stringify(docs));
 * ```
 */
export function zipDecoder(inner: Decoder): Decoder {
  return {
    async *decode(response: Response, opts?: DecodeOptions): AsyncGenerator<unknown> {
      const max = opts?.maxBytes ?? DEFAULT_MAX_BYTES;
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const c of byteChunks(response, opts)) {
        chunks.push(c);
        size += c.byteLength;
      }
      const bytes = new Uint8Array(size);
      let o = 0;
      for (const c of chunks) {
        bytes.set(c, o);
        o += c.byteLength;
      }
      let entries: ZipEntry[];
      try {
        entries = await readZip(bytes, max);
      } catch (e) {
        if (e instanceof SpoutError) {
          throw new SpoutError(e.code, `${e.message} (${describeResponse(response)})`, { cause: e });
        }
        throw e;
      }
      for (const entry of entries) {
        const file = new Response(entry.data as BlobPart, {
          headers: { "content-length": String(entry.data.byteLength) },
        });
        try {
          yield* inner.decode(file, opts);
        } catch (e) {
          if (e instanceof SpoutError) {
            throw new SpoutError(e.code, `in zip file "${entry.name}": ${e.message}`, { cause: e });
          }
          throw e;
        }
      }
    },
  };
}
