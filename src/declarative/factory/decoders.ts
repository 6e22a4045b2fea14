/**
 * Decoder family: JsonDecoder (default), JsonlDecoder, CsvDecoder, XmlDecoder, GzipDecoder, ZipfileDecoder,
 * CompositeRawDecoder — each turns a response into documents for the record selector.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import { decodeJson } from "../../source/page_reader.ts";
import { isObject } from "../../types.ts";
import type { ComponentPath, FactoryContext } from "./context.ts";

/** Turns a response into decoded documents. */
export type Decode = (response: Response) => AsyncIterable<unknown>;

/** Builds a decoder (JSON when absent). */
export function buildDecoder(_ctx: FactoryContext, component: unknown, path: ComponentPath): Decode {
  if (!isObject(component) || component.type === "JsonDecoder") return decodeJson;
  throw new SpoutError(
    "manifest_unsupported",
    `decoder ${String(component.type)} is not supported yet (${path.join(".")})`,
  );
}
