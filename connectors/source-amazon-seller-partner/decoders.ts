/**
 * The report decoders of source-amazon-seller-partner: report documents are gzip-compressed or plain,
 * ISO-8859-1 text, tab-separated values or XML (read like Python's `xmltodict` with the connector's options).
 * @module
 */
import type { Decoder } from "../../src/extract/decoders/types.ts";
import { parseXml } from "../../src/extract/decoders/xml.ts";
import { isObject } from "../../src/types.ts";

/**
 * The body as ISO-8859-1 text, gunzipped when it is gzip (`gzip.decompress`, else the raw bytes).
 *
 * @example
 * ```ts
 * import { reportText } from "./decoders.ts";
 * if ((await reportText(new Response(new Uint8Array([0x63, 0xe9])))) !== "c\u00e9") throw new Error();
 * ```
 */
export async function reportText(response: Response): Promise<string> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  let data = bytes;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      data = new Uint8Array(await new Response(stream).arrayBuffer());
    } catch {
      data = bytes;
    }
  }
  return new TextDecoder("latin1").decode(data);
}

/**
 * Python's `csv.reader` rows (excel dialect with a chosen delimiter): quotes, doubled quotes, `\r\n`/`\n`/`\r`
 * line ends, newlines inside quotes.
 *
 * @example
 * ```ts
 * import { csvRows } from "./decoders.ts";
 * const rows = csvRows('a\tb\n"x\ty"\t"say ""hi"""\n', "\t");
 * if (JSON.stringify(rows) !== '[["a","b"],["x\\ty","say \\"hi\\""]]') throw new Error(JSON.stringify(rows));
 * ```
 */
export function csvRows(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
      started = true;
    } else if (c === delimiter) {
      row.push(field);
      field = "";
      started = true;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      if (started || field !== "" || row.length) {
        row.push(field);
        rows.push(row);
      }
      row = [];
      field = "";
      started = false;
    } else {
      field += c;
      started = true;
    }
  }
  if (started || field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * `csv.DictReader` records: missing values are null, extra values go under the key `"null"` (Python's `None`
 * key, serialised as `null`).
 *
 * @example
 * ```ts
 * import { dictRows } from "./decoders.ts";
 * const r = dictRows([["1"], ["2", "3", "4"]], ["a", "b"]);
 * if (JSON.stringify(r) !== '[{"a":"1","b":null},{"a":"2","b":"3","null":["4"]}]') throw new Error(JSON.stringify(r));
 * ```
 */
export function dictRows(rows: string[][], header: readonly string[]): Record<string, unknown>[] {
  return rows.map((row) => {
    const record: Record<string, unknown> = {};
    header.forEach((name, i) => (record[name] = i < row.length ? row[i] : null));
    if (row.length > header.length) record["null"] = row.slice(header.length);
    return record;
  });
}

/**
 * Reshapes spout's xmltodict output (`@attr`, `#text`) to the connector's options: attributes without prefix,
 * text under `textKey`, `forceList` element names always as lists.
 *
 * @example
 * ```ts
 * import { xmltodict } from "./decoders.ts";
 * const doc = xmltodict('<r><Message id="1"><v>a</v></Message></r>', "value", ["Message"]);
 * if (JSON.stringify(doc) !== '{"r":{"Message":[{"id":"1","v":"a"}]}}') throw new Error(JSON.stringify(doc));
 * ```
 */
export function xmltodict(
  text: string,
  textKey: string,
  forceList: readonly string[],
): Record<string, unknown> {
  const force = new Set(forceList);
  const reshape = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(reshape);
    if (!isObject(value)) return value;
    const out: Record<string, unknown> = {};
    const put = (key: string, v: unknown) => {
      if (Object.hasOwn(out, key)) {
        const cur = out[key];
        out[key] = Array.isArray(cur) ? [...cur, v] : [cur, v];
      } else out[key] = v;
    };
    for (const [key, v] of Object.entries(value)) {
      if (key.startsWith("@")) put(key.slice(1), v);
      else if (key === "#text") put(textKey, v);
      else {
        const r = reshape(v);
        put(key, force.has(key) && !Array.isArray(r) ? [r] : r);
      }
    }
    return out;
  };
  return reshape(parseXml(text)) as Record<string, unknown>;
}

/** Records of a parsed value the way Python's `yield from` iterates it (a mapping yields its keys). */
function iterate(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isObject(value)) return Object.keys(value);
  if (typeof value === "string") return [...value];
  return [];
}

function get(value: unknown, key: string): unknown {
  return isObject(value) && key in value ? value[key] : {};
}

/**
 * `GzipCsvDecoder`: tab-separated values with a header row.
 *
 * @example
 * ```ts
 * import { gzipCsvDecoder } from "./decoders.ts";
 * const rows: unknown[] = [];
 * for await (const r of gzipCsvDecoder().decode(new Response("sku\tqty\nA1\t3\n"))) rows.push(r);
 * if (JSON.stringify(rows) !== '[{"sku":"A1","qty":"3"}]') throw new Error(JSON.stringify(rows));
 * ```
 */
export function gzipCsvDecoder(): Decoder {
  return {
    async *decode(response) {
      const [header, ...rows] = csvRows(await reportText(response), "\t");
      if (header) yield* dictRows(rows, header);
    },
  };
}

/** `SellerFeedbackReportsGzipCsvDecoder`: the localized header row replaced by fixed names. */
export const SELLER_FEEDBACK_FIELDS = ["date", "rating", "comments", "response", "order_id", "rater_email"];

/**
 * `SellerFeedbackReportsGzipCsvDecoder`.
 *
 * @example
 * ```ts
 * import { sellerFeedbackDecoder } from "./decoders.ts";
 * const body = "Datum\tBewertung\tKommentar\tAntwort\tBestell-ID\tE-Mail\n01.02.24\t5\tok\t\t1-2\tx@y\n";
 * const rows: Record<string, unknown>[] = [];
 * for await (const r of sellerFeedbackDecoder().decode(new Response(body))) rows.push(r as Record<string, unknown>);
 * if (rows[0].date !== "01.02.24" || rows[0].order_id !== "1-2") throw new Error(JSON.stringify(rows));
 * ```
 */
export function sellerFeedbackDecoder(): Decoder {
  return {
    async *decode(response) {
      const [header, ...rows] = csvRows(await reportText(response), "\t");
      if (!header) throw new Error("StopIteration: the report has no header row");
      if (header.length !== SELLER_FEEDBACK_FIELDS.length) {
        throw new Error("Original and normalized header field count does not match");
      }
      yield* dictRows(rows, SELLER_FEEDBACK_FIELDS);
    },
  };
}

/**
 * `GzipJsonDecoder`: a JSON list yields its items, an object itself, an empty list one `{}`.
 *
 * @example
 * ```ts
 * import { gzipJsonDecoder } from "./decoders.ts";
 * const rows: unknown[] = [];
 * for await (const r of gzipJsonDecoder(() => {}).decode(new Response("[]"))) rows.push(r);
 * if (JSON.stringify(rows) !== "[{}]") throw new Error();
 * ```
 */
export function gzipJsonDecoder(log: (message: string) => void): Decoder {
  return {
    async *decode(response) {
      const text = await reportText(response);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        log(`Response cannot be parsed into json: status=${response.status}`);
        yield {};
        return;
      }
      const list = Array.isArray(body) ? body : [body];
      if (list.length === 0) yield {};
      else yield* list;
    },
  };
}

/**
 * `GzipXmlDecoder`: each `AmazonEnvelope.Message` yields its `OrderReport`.
 *
 * @example
 * ```ts
 * import { gzipXmlDecoder } from "./decoders.ts";
 * const xml = "<AmazonEnvelope><Message><OrderReport><AmazonOrderID>1</AmazonOrderID></OrderReport></Message></AmazonEnvelope>";
 * const rows: unknown[] = [];
 * for await (const r of gzipXmlDecoder(() => {}).decode(new Response(xml))) rows.push(r);
 * if (JSON.stringify(rows) !== '[{"AmazonOrderID":"1"}]') throw new Error(JSON.stringify(rows));
 * ```
 */
export function gzipXmlDecoder(log: (message: string) => void): Decoder {
  return {
    async *decode(response) {
      let parsed: Record<string, unknown>;
      try {
        parsed = xmltodict(await reportText(response), "value", ["Message"]);
      } catch (e) {
        log(`Unable to parse the report, error: ${(e as Error).message}`);
        return;
      }
      for (const report of iterate(get(get(parsed, "AmazonEnvelope"), "Message"))) {
        yield isObject(report) ? report.OrderReport ?? {} : {};
      }
    },
  };
}

/**
 * `GetXmlBrowseTreeDataDecoder`: the `Result.Node` elements.
 *
 * @example
 * ```ts
 * import { browseTreeDecoder } from "./decoders.ts";
 * const xml = '<Result><Node><browseNodeId>1</browseNodeId><id>a</id></Node><Node><browseNodeId>2</browseNodeId></Node></Result>';
 * const rows: unknown[] = [];
 * for await (const r of browseTreeDecoder(() => {}).decode(new Response(xml))) rows.push(r);
 * if (JSON.stringify(rows) !== '[{"browseNodeId":"1","id":["a"]},{"browseNodeId":"2"}]') throw new Error(JSON.stringify(rows));
 * ```
 */
export function browseTreeDecoder(log: (message: string) => void): Decoder {
  return {
    async *decode(response) {
      let parsed: Record<string, unknown> = {};
      try {
        parsed = xmltodict(await reportText(response), "text", ["attribute", "id", "refinementField"]);
      } catch (e) {
        log(`Unable to parse the report for the stream, error: ${(e as Error).message}`);
      }
      const result = get(parsed, "Result");
      yield* iterate(isObject(result) && "Node" in result ? result.Node : []);
    },
  };
}
