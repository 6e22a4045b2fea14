/**
 * JSON Lines decoder (Airbyte `JsonlDecoder` / `JsonLineParser`): one document per line, streamed.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import { byteChunks, charsetOf, describeResponse, textChunks } from "./body.ts";
import { MAX_JSON_DEPTH, parseJsonText } from "./json.ts";
import type { DecodeOptions, Decoder } from "./types.ts";

/** Options of {@link jsonlDecoder}. */
export interface JsonlDecoderOptions {
  /** Text encoding; default: the response charset, else UTF-8. */
  encoding?: string;
  /**
   * A line that is not JSON: "error" (default) raises `decode_error` naming the line; "skip" drops it and
   * calls `onWarning` (Airbyte logs a warning and skips it).
   */
  onInvalidLine?: "error" | "skip";
  /** Receives skip warnings. */
  onWarning?: (message: string) => void;
  /** Longest line accepted, in characters (default 64 MiB). */
  maxLineLength?: number;
}

/**
 * The JSONL decoder. Blank lines are ignored; `\r\n` is accepted.
 *
 * @example
 * ```ts
 * import { jsonlDecoder } from "./jsonl.ts";
 * const ids = [];
 * for await (const d of jsonlDecoder().decode(new Response('{"id":1}\n\n{"id":2}\n'))) ids.push((d as { id: number }).id);
 * if (ids.join() !== "1,2") throw new Error("wrong");
 * ```
 */
export function jsonlDecoder(options: JsonlDecoderOptions = {}): Decoder {
  const { onInvalidLine = "error", maxLineLength = 64 * 1024 * 1024 } = options;
  return {
    async *decode(response: Response, opts?: DecodeOptions): AsyncGenerator<unknown> {
      const what = describeResponse(response);
      let carry = "";
      let lineNo = 0;
      const parseLine = (line: string): { ok: boolean; value?: unknown } => {
        const n = ++lineNo;
        if (line.endsWith("\r")) line = line.slice(0, -1);
        if (line.trim() === "") return { ok: false };
        try {
          return { ok: true, value: parseJsonText(line, () => `line ${n} of ${what}`, MAX_JSON_DEPTH) };
        } catch (e) {
          if (onInvalidLine === "skip") {
            options.onWarning?.(`skipping line ${lineNo}: not JSON`);
            return { ok: false };
          }
          throw e;
        }
      };
      const encoding = options.encoding ?? charsetOf(response) ?? "utf-8";
      for await (const chunk of textChunks(byteChunks(response, opts), encoding)) {
        let text = carry + chunk;
        let nl = text.indexOf("\n");
        let start = 0;
        while (nl >= 0) {
          const r = parseLine(text.slice(start, nl));
          if (r.ok) yield r.value;
          start = nl + 1;
          nl = text.indexOf("\n", start);
        }
        text = text.slice(start);
        if (text.length > maxLineLength) {
          throw new SpoutError(
            "decode_error",
            `line ${lineNo + 1} of ${what} is longer than ${maxLineLength} characters`,
          );
        }
        carry = text;
      }
      if (carry) {
        const r = parseLine(carry);
        if (r.ok) yield r.value;
      }
    },
  };
}
