/**
 * Airbyte's `IterableDecoder`: each line of the body becomes `{ "record": line }`.
 * @module
 */
import { byteChunks, charsetOf, textChunks } from "./body.ts";
import type { DecodeOptions, Decoder } from "./types.ts";

/**
 * The iterable (plain lines) decoder. Line breaks are `\n`, `\r\n` or `\r` (Python `iter_lines`).
 *
 * @example
 * ```ts
 * import { iterableDecoder } from "./iterable.ts";
 * const out = [];
 * for await (const d of iterableDecoder().decode(new Response("a\nb\r\n"))) out.push(d);
 * if (JSON.stringify(out) !== '[{"record":"a"},{"record":"b"}]') throw new Error(JSON.stringify(out));
 * ```
 */
export function iterableDecoder(): Decoder {
  return {
    async *decode(response: Response, opts?: DecodeOptions): AsyncGenerator<unknown> {
      let carry = "";
      for await (const chunk of textChunks(byteChunks(response, opts), charsetOf(response) ?? "utf-8")) {
        const lines = (carry + chunk).split(/\r\n|\r|\n/);
        // A trailing "\r" may be the first half of "\r\n": keep it with the last partial line.
        carry = lines.pop()!;
        if (chunk.endsWith("\r") && lines.length) carry = lines.pop()! + "\r" + carry;
        for (const line of lines) yield { record: line };
      }
      if (carry.endsWith("\r")) carry = carry.slice(0, -1);
      if (carry) yield { record: carry };
    },
  };
}
