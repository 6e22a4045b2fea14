/**
 * Response decoders: JSON, JSON Lines, CSV, XML and gzip, behind one streaming `Decoder` interface.
 * @module
 */
export { type DecodeOptions, type Decoder, DEFAULT_MAX_BYTES } from "./types.ts";
export {
  byteChunks,
  charsetOf,
  describeResponse,
  readBytes,
  readText,
  textChunks,
  toWhatwgEncoding,
} from "./body.ts";
export {
  jsonDecoder,
  type JsonDecoderOptions,
  jsonDepthExceeds,
  MAX_JSON_DEPTH,
  parseJsonText,
} from "./json.ts";
export {
  isRawJson,
  isUnsafeNumber,
  LOSSLESS_INTEGERS,
  parseLossless,
  restoreBigIntegers,
} from "./lossless_int.ts";
export { jsonlDecoder, type JsonlDecoderOptions } from "./jsonl.ts";
export { csvDecoder, type CsvDecoderOptions, CsvRowParser, unescapeDelimiter } from "./csv.ts";
export { parseXml, xmlDecoder, type XmlOptions } from "./xml.ts";
export { gunzipResponse, gzipDecoder } from "./gzip.ts";
export { iterableDecoder } from "./iterable.ts";
export { readZip, zipDecoder, type ZipEntry } from "./zip.ts";
export { jsonItemsDecoder, type JsonItemsDecoderOptions, JsonItemsScanner } from "./json_items.ts";
