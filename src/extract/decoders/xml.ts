/**
 * Airbyte's `XmlDecoder` (xmltodict output): attributes as "@name", text beside attributes or children as
 * "#text", repeated elements as arrays, empty elements as null, whitespace stripped, namespace prefixes kept.
 * A small, safe parser: no DTDs, no entity expansion beyond the five XML built-ins and character references,
 * capped depth.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import { charsetOf, describeResponse, makeTextDecoder, readBytes } from "./body.ts";
import type { DecodeOptions, Decoder } from "./types.ts";

/** Options of {@link parseXml} and {@link xmlDecoder}. */
export interface XmlOptions {
  /** Deepest element nesting accepted (default 512). */
  maxDepth?: number;
}

interface Frame {
  name: string;
  item: Record<string, unknown> | null;
  text: string;
}

const BUILTIN: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function fail(message: string, pos?: number): never {
  throw new SpoutError(
    "decode_error",
    `invalid XML${pos === undefined ? "" : ` at offset ${pos}`}: ${message}`,
  );
}

function decodeEntities(s: string, pos: number): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&([^;&\s]*);?/g, (m, name: string) => {
    if (!m.endsWith(";")) fail("unterminated entity reference", pos);
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X"
        ? parseInt(name.slice(2), 16)
        : parseInt(name.slice(1), 10);
      if (!Number.isFinite(code) || code < 1 || code > 0x10ffff) fail(`bad character reference "${m}"`, pos);
      return String.fromCodePoint(code);
    }
    if (!Object.hasOwn(BUILTIN, name)) {
      fail(`undefined entity "${m}" (only the XML built-in entities are expanded)`, pos);
    }
    return BUILTIN[name];
  });
}

function safeSet(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else obj[key] = value;
}

function pushData(parent: Frame, key: string, value: unknown): void {
  const item = parent.item ??= {};
  if (Object.hasOwn(item, key)) {
    const cur = item[key];
    if (Array.isArray(cur)) cur.push(value);
    else safeSet(item, key, [cur, value]);
  } else safeSet(item, key, value);
}

const NAME_END = /[\s/>=]/;

/**
 * Parses an XML document into xmltodict's shape.
 *
 * @example
 * ```ts
 * import { parseXml } from "./xml.ts";
 * const doc = parseXml('<r><item id="1">a</item><item id="2"><n>b</n></item></r>');
 * const expected = { r: { item: [{ "@id": "1", "#text": "a" }, { "@id": "2", n: "b" }] } };
 * if (JSON.stringify(doc) !== JSON.stringify(expected)) throw new Error(JSON.stringify(doc));
 * ```
 */
export function parseXml(text: string, options: XmlOptions = {}): Record<string, unknown> {
  const maxDepth = options.maxDepth ?? 512;
  const stack: Frame[] = [];
  let result: Record<string, unknown> | undefined;
  const n = text.length;
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const lt = text.indexOf("<", i);
    const end = lt < 0 ? n : lt;
    if (end > i) {
      const raw = text.slice(i, end);
      if (stack.length) stack[stack.length - 1].text += decodeEntities(raw, i);
      else if (raw.trim()) {
        fail(result ? "text after the document element" : "text before the document element", i);
      }
    }
    if (lt < 0) break;
    i = lt;
    if (text.startsWith("<!--", i)) {
      const close = text.indexOf("-->", i + 4);
      if (close < 0) fail("unterminated comment", i);
      i = close + 3;
    } else if (text.startsWith("<![CDATA[", i)) {
      const close = text.indexOf("]]>", i + 9);
      if (close < 0) fail("unterminated CDATA section", i);
      if (!stack.length) fail("CDATA outside the document element", i);
      stack[stack.length - 1].text += text.slice(i + 9, close);
      i = close + 3;
    } else if (text.startsWith("<?", i)) {
      const close = text.indexOf("?>", i + 2);
      if (close < 0) fail("unterminated processing instruction", i);
      i = close + 2;
    } else if (text.startsWith("<!", i)) {
      const close = text.indexOf(">", i + 2);
      if (close < 0) fail("unterminated declaration", i);
      const decl = text.slice(i, close + 1);
      if (!/^<!DOCTYPE\s/i.test(decl) || stack.length || result) fail("unexpected declaration", i);
      if (decl.includes("[")) fail("DTDs with an internal subset are not supported (no entity expansion)", i);
      i = close + 1;
    } else if (text[i + 1] === "/") {
      const close = text.indexOf(">", i + 2);
      if (close < 0) fail("unterminated end tag", i);
      const name = text.slice(i + 2, close).trim();
      const frame = stack.pop();
      if (!frame || frame.name !== name) fail(`mismatched end tag </${name}>`, i);
      i = close + 1;
      finish(frame);
    } else {
      // Start tag.
      let j = i + 1;
      while (j < n && !NAME_END.test(text[j])) j++;
      const name = text.slice(i + 1, j);
      if (!name) fail("empty element name", i);
      if (result) fail("junk after the document element", i);
      let item: Record<string, unknown> | null = null;
      let selfClosing = false;
      while (true) {
        while (j < n && /\s/.test(text[j])) j++;
        if (j >= n) fail("unterminated start tag", i);
        if (text[j] === ">") {
          j++;
          break;
        }
        if (text[j] === "/" && text[j + 1] === ">") {
          selfClosing = true;
          j += 2;
          break;
        }
        let k = j;
        while (k < n && !NAME_END.test(text[k])) k++;
        const attr = text.slice(j, k);
        while (k < n && /\s/.test(text[k])) k++;
        if (!attr || text[k] !== "=") fail(`attribute without a value in <${name}>`, j);
        k++;
        while (k < n && /\s/.test(text[k])) k++;
        const q = text[k];
        if (q !== '"' && q !== "'") fail(`unquoted attribute value in <${name}>`, k);
        const close = text.indexOf(q, k + 1);
        if (close < 0) fail("unterminated attribute value", k);
        const raw = text.slice(k + 1, close);
        if (raw.includes("<")) fail(`"<" in an attribute value of <${name}>`, k);
        item ??= {};
        const key = "@" + attr;
        if (Object.hasOwn(item, key)) fail(`duplicate attribute "${attr}" in <${name}>`, j);
        item[key] = decodeEntities(raw.replace(/[\t\n\r]/g, " "), k);
        j = close + 1;
      }
      if (stack.length >= maxDepth) fail(`elements nested deeper than ${maxDepth} levels`, i);
      const frame: Frame = { name, item, text: "" };
      i = j;
      if (selfClosing) finish(frame);
      else stack.push(frame);
    }
  }
  if (stack.length) fail(`unclosed element <${stack[stack.length - 1].name}> (truncated document?)`);
  if (!result) fail("no document element (empty body?)");
  return result;

  function finish(frame: Frame): void {
    const data = frame.text.trim() || null;
    let value: unknown;
    if (frame.item === null) value = data;
    else {
      value = frame.item;
      if (data !== null) frame.item["#text"] = data;
    }
    if (stack.length) pushData(stack[stack.length - 1], frame.name, value);
    else {
      result = {};
      safeSet(result, frame.name, value);
    }
  }
}

/** The `encoding` of an `<?xml …?>` declaration at the start of `bytes`, if any. */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  let head = "";
  for (let i = 0; i < bytes.length && i < 200; i++) head += String.fromCharCode(bytes[i]);
  const m = /^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return m ? m[1] : undefined;
}

/**
 * The XML decoder: one document per response. Malformed XML and empty bodies are `decode_error`s (Airbyte
 * logs a warning and yields `{}`, i.e. zero records).
 *
 * @example
 * ```ts
 * import { xmlDecoder } from "./xml.ts";
 * for await (const d of xmlDecoder().decode(new Response("<a>1</a>"))) {
 *   if ((d as { a: string }).a !== "1") throw new Error("wrong");
 * }
 * ```
 */
export function xmlDecoder(options: XmlOptions & { encoding?: string } = {}): Decoder {
  const decodeAll = async (response: Response, opts?: DecodeOptions): Promise<unknown[]> => {
    const bytes = await readBytes(response, opts);
    const encoding = options.encoding ?? charsetOf(response) ?? declaredEncoding(bytes) ?? "utf-8";
    const text = makeTextDecoder(encoding).decode(bytes);
    try {
      return [parseXml(text, options)];
    } catch (e) {
      if (e instanceof SpoutError) {
        throw new SpoutError("decode_error", `${e.message} (${describeResponse(response)})`, { cause: e });
      }
      throw e;
    }
  };
  return {
    decodeAll,
    async *decode(response: Response, opts?: DecodeOptions): AsyncGenerator<unknown> {
      yield* await decodeAll(response, opts);
    },
  };
}
