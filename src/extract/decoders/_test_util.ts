// Test-only helpers.
import type { DecodeOptions, Decoder } from "./types.ts";

export async function collect(
  decoder: Decoder,
  response: Response,
  opts?: DecodeOptions,
): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const d of decoder.decode(response, opts)) out.push(d);
  return out;
}

/** A response whose body arrives in the given byte chunks (to test chunk boundaries). */
export function chunked(parts: (string | Uint8Array)[], init?: ResponseInit): Response {
  const enc = new TextEncoder();
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (i < parts.length) {
        const p = parts[i++];
        c.enqueue(typeof p === "string" ? enc.encode(p) : p);
      } else c.close();
    },
  });
  return new Response(stream, init);
}

export async function decodeError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; message: string };
    return `${err.code}: ${err.message}`;
  }
  throw new Error("expected an error");
}
