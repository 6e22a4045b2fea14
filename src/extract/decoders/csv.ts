/**
 * CSV decoder (Airbyte `CsvDecoder` / `CsvParser`, i.e. Python's `csv.DictReader`): RFC 4180 quoting,
 * a header row, streamed by chunks.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import { byteChunks, charsetOf, describeResponse, textChunks } from "./body.ts";
import type { DecodeOptions, Decoder } from "./types.ts";

/** Options of {@link csvDecoder}. */
export interface CsvDecoderOptions {
  /** Field delimiter (default ","). Escapes such as "\\t" are decoded, as Airbyte does. */
  delimiter?: string;
  /** Quote character (default '"'); a doubled quote inside quotes is a literal quote. */
  quoteChar?: string;
  /** Text encoding (default: the response charset, else UTF-8). A UTF-8 BOM is dropped. */
  encoding?: string;
  /** Field names; when absent the first row is the header (default). */
  header?: readonly string[];
  /** Values that become `null` (Airbyte `set_values_to_none`). */
  setValuesToNone?: readonly string[];
  /** Longest field accepted, in characters (default 1 MiB). */
  maxFieldLength?: number;
}

/**
 * Decodes backslash escapes in a delimiter (Python `unicode_escape` for the common cases).
 *
 * @example
 * ```ts
 * import { unescapeDelimiter } from "./csv.ts";
 * if (unescapeDelimiter("\\t") !== "\t" || unescapeDelimiter(";") !== ";") throw new Error();
 * ```
 */
export function unescapeDelimiter(delimiter: string): string {
  if (!delimiter.startsWith("\\")) return delimiter;
  const map: Record<string, string> = { t: "\t", n: "\n", r: "\r", "\\": "\\", "0": "\0" };
  return delimiter.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
    if (e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    return Object.hasOwn(map, e) ? map[e] : e;
  });
}

const enum S {
  StartRecord,
  StartField,
  InField,
  InQuoted,
  QuoteInQuoted,
}

/**
 * An incremental CSV row parser (universal newlines, Python csv reader states).
 *
 * @example
 * ```ts
 * import { CsvRowParser } from "./csv.ts";
 * const parser = new CsvRowParser();
 * parser.push('id,name\r\n1,"Smith, J');
 * parser.push('ane"\n2,Bo');
 * parser.end();
 * if (JSON.stringify(parser.rows) !== '[["id","name"],["1","Smith, Jane"],["2","Bo"]]') {
 *   throw new Error(JSON.stringify(parser.rows));
 * }
 * ```
 */
export class CsvRowParser {
  #delim: string;
  #quote: string;
  #max: number;
  #state = S.StartRecord;
  #field = "";
  #row: string[] = [];
  #pendingCR = false;
  /** Rows completed so far (drained by the caller). */
  rows: string[][] = [];

  /** Creates a parser for one-character `delimiter` and `quoteChar`; fields longer than the cap fail. */
  constructor(delimiter = ",", quoteChar = '"', maxFieldLength = 1024 * 1024) {
    if (delimiter.length !== 1) throw new SpoutError("config_invalid", `CSV delimiter must be one character`);
    this.#delim = delimiter;
    this.#quote = quoteChar;
    this.#max = maxFieldLength;
  }

  #endField(): void {
    this.#row.push(this.#field);
    this.#field = "";
  }

  #endRow(): void {
    this.#endField();
    this.rows.push(this.#row);
    this.#row = [];
    this.#state = S.StartRecord;
  }

  /** Feeds a text chunk. */
  push(chunk: string): void {
    const d = this.#delim, q = this.#quote;
    for (let i = 0; i < chunk.length; i++) {
      let c = chunk[i];
      if (this.#pendingCR) {
        this.#pendingCR = false;
        if (c === "\n") continue; // \r\n already handled as one newline
      }
      if (c === "\r") {
        this.#pendingCR = true;
        c = "\n";
      }
      switch (this.#state) {
        case S.StartRecord:
          if (c === "\n") continue; // blank line
        /* falls through */
        case S.StartField:
          if (c === q) this.#state = S.InQuoted;
          else if (c === d) {
            this.#endField();
            this.#state = S.StartField;
          } else if (c === "\n") this.#endRow();
          else {
            this.#field += c;
            this.#state = S.InField;
          }
          break;
        case S.InField:
          if (c === d) {
            this.#endField();
            this.#state = S.StartField;
          } else if (c === "\n") this.#endRow();
          else this.#field += c;
          break;
        case S.InQuoted:
          if (c === q) this.#state = S.QuoteInQuoted;
          else this.#field += c;
          break;
        case S.QuoteInQuoted:
          if (c === q) {
            this.#field += c;
            this.#state = S.InQuoted;
          } else if (c === d) {
            this.#endField();
            this.#state = S.StartField;
          } else if (c === "\n") this.#endRow();
          else {
            this.#field += c;
            this.#state = S.InField;
          }
          break;
      }
      if (this.#field.length > this.#max) {
        throw new SpoutError(
          "decode_error",
          `CSV field longer than ${this.#max} characters; is the quoting right?`,
        );
      }
    }
  }

  /** Ends the input. A quoted field still open means the body was truncated. */
  end(): void {
    if (this.#state === S.InQuoted) {
      throw new SpoutError(
        "decode_error",
        "CSV ends inside a quoted field: the body is truncated or badly quoted",
      );
    }
    if (this.#state !== S.StartRecord) this.#endRow();
  }
}

/**
 * The CSV decoder: yields one object per row keyed by the header. A row with more fields than the header is
 * a `decode_error` (Airbyte produces a record it cannot serialise); missing fields are `null`.
 *
 * @example
 * ```ts
 * import { csvDecoder } from "./csv.ts";
 * const rows = [];
 * for await (const r of csvDecoder().decode(new Response('id,name\n1,"a, b"\n'))) rows.push(r);
 * if (JSON.stringify(rows) !== '[{"id":"1","name":"a, b"}]') throw new Error(JSON.stringify(rows));
 * ```
 */
export function csvDecoder(options: CsvDecoderOptions = {}): Decoder {
  const delimiter = unescapeDelimiter(options.delimiter ?? ",");
  const quote = options.quoteChar ?? '"';
  const toNone = options.setValuesToNone?.length ? new Set(options.setValuesToNone) : undefined;
  return {
    async *decode(response: Response, opts?: DecodeOptions): AsyncGenerator<unknown> {
      const parser = new CsvRowParser(delimiter, quote, options.maxFieldLength);
      let header: readonly string[] | undefined = options.header;
      let rowNo = 0;
      const what = describeResponse(response);
      const toRecord = (row: string[]): Record<string, unknown> => {
        const h = header!;
        if (row.length > h.length) {
          throw new SpoutError(
            "decode_error",
            `CSV row ${rowNo} of ${what} has ${row.length} fields but the header has ${h.length}`,
          );
        }
        const rec: Record<string, unknown> = {};
        for (let i = 0; i < h.length; i++) {
          const v = i < row.length ? row[i] : null;
          rec[h[i]] = toNone && v !== null && toNone.has(v) ? null : v;
        }
        return rec;
      };
      const drain = function* (): Generator<Record<string, unknown>> {
        for (const row of parser.rows) {
          rowNo++;
          if (header === undefined) {
            header = row;
            if (header.some((k) => k === "__proto__")) {
              throw new SpoutError("decode_error", `CSV header of ${what} has a "__proto__" column`);
            }
            continue;
          }
          yield toRecord(row);
        }
        parser.rows = [];
      };
      const encoding = options.encoding ?? charsetOf(response) ?? "utf-8";
      for await (const chunk of textChunks(byteChunks(response, opts), encoding)) {
        parser.push(chunk);
        yield* drain();
      }
      parser.end();
      yield* drain();
    },
  };
}
