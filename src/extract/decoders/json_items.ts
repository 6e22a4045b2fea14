/**
 * Airbyte's `JsonItemsDecoder` (ijson `items(prefix + ".item")`): streams the elements of one nested array
 * of a single huge JSON document, holding only one element in memory at a time.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import { byteChunks, charsetOf, describeResponse, textChunks } from "./body.ts";
import { MAX_JSON_DEPTH, parseJsonText } from "./json.ts";
import type { DecodeOptions, Decoder } from "./types.ts";

interface Frame {
  arr: boolean;
  prefix: string;
  key: string | undefined;
  expectKey: boolean;
  target: boolean;
}

function join(prefix: string, part: string): string {
  return prefix === "" ? part : `${prefix}.${part}`;
}

function bad(message: string): never {
  throw new SpoutError("decode_error", `invalid JSON: ${message}`);
}

const WS = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * An incremental scanner yielding the elements of the array at an ijson prefix (`data.users`; array levels
 * on the way are written `item`). Elements are parsed with `JSON.parse` one at a time.
 *
 * @example
 * ```ts
 * import { JsonItemsScanner } from "./json_items.ts";
 * const scanner = new JsonItemsScanner("data.users");
 * const seen: unknown[] = [];
 * for (const chunk of ['{"data":{"users":[{"id":1},', '{"id":2}]}}']) {
 *   scanner.push(chunk);
 *   seen.push(...scanner.items.splice(0));
 * }
 * scanner.end();
 * seen.push(...scanner.items.splice(0));
 * if (JSON.stringify(seen) !== '[{"id":1},{"id":2}]') throw new Error(JSON.stringify(seen));
 * ```
 */
export class JsonItemsScanner {
  #target: string;
  #maxDepth: number;
  #buf = "";
  #pos = 0;
  #stack: Frame[] = [];
  #rootSeen = false;
  #capStart = -1;
  #capDepth = 0;
  /** Elements completed by the last `push`/`end`. */
  items: unknown[] = [];

  /** Creates a scanner for the array at `itemsPath` (ijson dotted syntax). */
  constructor(itemsPath: string, maxDepth = MAX_JSON_DEPTH) {
    if (!itemsPath) throw new SpoutError("config_invalid", "JsonItemsDecoder needs a non-empty items_path");
    this.#target = itemsPath;
    this.#maxDepth = maxDepth;
  }

  /** Feeds text. */
  push(chunk: string): void {
    const keep = this.#capStart >= 0 ? this.#capStart : this.#pos;
    this.#buf = this.#buf.slice(keep) + chunk;
    this.#pos -= keep;
    if (this.#capStart >= 0) this.#capStart -= keep;
    this.#scan(false);
  }

  /** Ends the input; a document cut short is a `decode_error`. */
  end(): void {
    this.#scan(true);
    if (this.#stack.length || !this.#rootSeen) bad("the document ends early (truncated body?)");
    for (let i = this.#pos; i < this.#buf.length; i++) {
      if (!WS(this.#buf.charCodeAt(i))) bad("data after the end of the document");
    }
  }

  /** Returns the index after a complete string starting at `i` (a quote), or -1 if incomplete. */
  #stringEnd(i: number): number {
    const buf = this.#buf;
    let j = i;
    while (true) {
      j = buf.indexOf('"', j + 1);
      if (j < 0) return -1;
      let k = j - 1;
      while (buf.charCodeAt(k) === 92) k--;
      if ((j - k) % 2 === 1) return j + 1;
    }
  }

  #scan(final: boolean): void {
    const buf = this.#buf;
    const n = buf.length;
    while (this.#pos < n) {
      if (this.#capStart >= 0) {
        if (!this.#scanCapture(final)) return;
        continue;
      }
      const c = buf.charCodeAt(this.#pos);
      if (WS(c)) {
        this.#pos++;
        continue;
      }
      const top = this.#stack[this.#stack.length - 1];
      if (top === undefined && this.#rootSeen) return; // trailing data is checked in end()
      if (top?.arr && top.target && c !== 93 /* ] */ && c !== 44 /* , */) {
        this.#capStart = this.#pos;
        this.#capDepth = 0;
        continue;
      }
      if (top && !top.arr && top.expectKey) {
        if (c === 125 /* } */) {
          this.#pop();
          continue;
        }
        if (c !== 34) bad(`expected a key at offset ${this.#pos}`);
        const end = this.#stringEnd(this.#pos);
        if (end < 0) return;
        top.key = JSON.parse(buf.slice(this.#pos, end)) as string;
        top.expectKey = false;
        this.#pos = end;
        continue;
      }
      switch (c) {
        case 58: // :
        case 44: // ,
          if (c === 44 && top && !top.arr) top.expectKey = true;
          this.#pos++;
          continue;
        case 123: // {
        case 91: {
          // [
          const prefix = top === undefined
            ? ""
            : top.arr
            ? join(top.prefix, "item")
            : join(top.prefix, top.key!);
          if (top === undefined) this.#rootSeen = true;
          if (this.#stack.length >= this.#maxDepth) bad(`nested deeper than ${this.#maxDepth} levels`);
          const arr = c === 91;
          this.#stack.push({
            arr,
            prefix,
            key: undefined,
            expectKey: !arr,
            target: arr && prefix === this.#target,
          });
          this.#pos++;
          continue;
        }
        case 125: // }
        case 93: // ]
          if (!top || top.arr !== (c === 93)) {
            bad(`unexpected "${String.fromCharCode(c)}" at offset ${this.#pos}`);
          }
          this.#pop();
          continue;
        case 34: {
          const end = this.#stringEnd(this.#pos);
          if (end < 0) return;
          if (top === undefined) this.#rootSeen = true;
          this.#pos = end;
          continue;
        }
        default: {
          // number / true / false / null
          let j = this.#pos;
          while (j < n) {
            const d = buf.charCodeAt(j);
            if (d === 44 || d === 93 || d === 125 || WS(d)) break;
            j++;
          }
          if (j === n && !final) return;
          const lit = buf.slice(this.#pos, j);
          if (!/^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)$/.test(lit)) {
            bad(`unexpected "${lit.slice(0, 20)}" at offset ${this.#pos}`);
          }
          if (top === undefined) this.#rootSeen = true;
          this.#pos = j;
        }
      }
    }
  }

  #pop(): void {
    this.#stack.pop();
    this.#pos++;
  }

  /** Advances through a captured element; returns false when more data is needed. */
  #scanCapture(final: boolean): boolean {
    const buf = this.#buf;
    const n = buf.length;
    let i = this.#pos;
    while (i < n) {
      const c = buf.charCodeAt(i);
      if (c === 34) {
        this.#pos = i;
        const end = this.#stringEnd(i);
        if (end < 0) return false;
        i = end;
        continue;
      }
      if (c === 123 || c === 91) {
        if (++this.#capDepth + this.#stack.length > this.#maxDepth) {
          bad(`nested deeper than ${this.#maxDepth} levels`);
        }
      } else if (c === 125 || c === 93 || c === 44) {
        if (this.#capDepth === 0) {
          const text = buf.slice(this.#capStart, i);
          this.items.push(parseJsonText(text, `an element of "${this.#target}"`, this.#maxDepth));
          this.#capStart = -1;
          this.#pos = i;
          return true;
        }
        if (c !== 44) this.#capDepth--;
      }
      i++;
    }
    this.#pos = i;
    if (final) bad("the document ends inside an array element (truncated body?)");
    return false;
  }
}

/** Options of {@link jsonItemsDecoder}. */
export interface JsonItemsDecoderOptions {
  /** ijson path of the array, e.g. `data.users` (no `$.`, no `[*]`). */
  itemsPath: string;
  /** Text encoding (default: the response charset, else UTF-8). */
  encoding?: string;
}

/**
 * The streaming JSON items decoder: yields each element of the array at `itemsPath` while the body is still
 * arriving. When the path is absent nothing is yielded (as ijson); malformed or truncated JSON is a
 * `decode_error`.
 *
 * @example
 * ```ts
 * import { jsonItemsDecoder } from "./json_items.ts";
 * const d = jsonItemsDecoder({ itemsPath: "data.users" });
 * const out = [];
 * for await (const u of d.decode(new Response('{"meta":{"n":2},"data":{"users":[{"id":1},{"id":2}]}}'))) out.push(u);
 * if (JSON.stringify(out) !== '[{"id":1},{"id":2}]') throw new Error(JSON.stringify(out));
 * ```
 */
export function jsonItemsDecoder(options: JsonItemsDecoderOptions): Decoder {
  return {
    async *decode(response: Response, opts?: DecodeOptions): AsyncGenerator<unknown> {
      const scanner = new JsonItemsScanner(options.itemsPath);
      const encoding = options.encoding ?? charsetOf(response) ?? "utf-8";
      try {
        for await (const chunk of textChunks(byteChunks(response, opts), encoding)) {
          scanner.push(chunk);
          if (scanner.items.length) {
            const ready = scanner.items;
            scanner.items = [];
            yield* ready;
          }
        }
        scanner.end();
      } catch (e) {
        if (e instanceof SpoutError && e.code === "decode_error") {
          throw new SpoutError("decode_error", `${e.message} (${describeResponse(response)})`, { cause: e });
        }
        throw e;
      }
      yield* scanner.items;
    },
  };
}
