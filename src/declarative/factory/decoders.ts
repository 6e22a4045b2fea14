/**
 * Decoder family: JsonDecoder (default), JsonlDecoder, CsvDecoder, XmlDecoder, GzipDecoder, IterableDecoder
 * JsonItemsDecoder, ZipfileDecoder and CompositeRawDecoder (parser + stream_response), built on the shared
 * streaming decoders.
 * @module
 */
import {
  byteChunks,
  csvDecoder,
  type Decoder,
  gzipDecoder,
  jsonDecoder,
  jsonItemsDecoder,
  jsonlDecoder,
  textChunks,
  xmlDecoder,
  zipDecoder,
} from "../../extract/decoders/mod.ts";
import { isObject } from "../../types.ts";
import { type ComponentPath, type FactoryContext, invalid } from "./context.ts";
import { customComponent, isCustomComponent } from "../components_factory.ts";

/** Turns a response into decoded documents. */
export type Decode = (response: Response) => AsyncIterable<unknown>;

function iterableDecoder(): Decoder {
  return {
    async *decode(response) {
      let rest = "";
      for await (const chunk of textChunks(byteChunks(response))) {
        rest += chunk;
        const lines = rest.split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) if (line !== "") yield { record: line };
      }
      if (rest !== "") yield { record: rest };
    },
  };
}

function decoderOf(ctx: FactoryContext, component: unknown, path: ComponentPath): Decoder {
  if (!isObject(component)) return jsonDecoder();
  if (isCustomComponent(component)) return customComponent(ctx, component, path, "decoder");
  switch (component.type) {
    case "JsonDecoder":
      return jsonDecoder();
    case "JsonlDecoder":
      return jsonlDecoder();
    case "CsvDecoder":
      return csvDecoder({
        delimiter: typeof component.delimiter === "string" ? component.delimiter : undefined,
        encoding: typeof component.encoding === "string" ? component.encoding : undefined,
        setValuesToNone: Array.isArray(component.set_values_to_none)
          ? component.set_values_to_none.map(String)
          : undefined,
      });
    case "XmlDecoder":
      return xmlDecoder();
    case "IterableDecoder":
      return iterableDecoder();
    case "GzipDecoder":
      return gzipDecoder(decoderOf(ctx, component.decoder, [...path, "decoder"]));
    case "CompositeRawDecoder":
      return decoderOf(ctx, component.parser, [...path, "parser"]);
    case "GzipParser":
      return gzipDecoder(decoderOf(ctx, component.inner_parser, [...path, "inner_parser"]));
    case "JsonParser":
      return jsonDecoder();
    case "JsonLineParser":
      return jsonlDecoder();
    case "CsvParser":
      return csvDecoder({
        delimiter: typeof component.delimiter === "string" ? component.delimiter : undefined,
        encoding: typeof component.encoding === "string" ? component.encoding : undefined,
      });
    case "JsonItemsDecoder":
    case "JsonItemsParser": {
      if (typeof component.items_path !== "string") {
        return invalid(ctx, [...path, "items_path"], `${component.type} needs an items_path`);
      }
      return jsonItemsDecoder({
        itemsPath: component.items_path,
        encoding: typeof component.encoding === "string" ? component.encoding : undefined,
      });
    }
    case "ZipfileDecoder": {
      // Each file of the archive goes through the parser of the inner decoder (the reference accepts only
      // decoders that have one: CSV, gzip, JSON, JSON items, JSON Lines).
      const inner = isObject(component.decoder) ? component.decoder : undefined;
      const parsers = ["CsvDecoder", "GzipDecoder", "JsonDecoder", "JsonItemsDecoder", "JsonlDecoder"];
      if (!inner || !parsers.includes(String(inner.type))) {
        return invalid(
          ctx,
          [...path, "decoder"],
          `ZipfileDecoder needs a decoder of type ${parsers.join(", ")} (got ${String(inner?.type)})`,
        );
      }
      return zipDecoder(decoderOf(ctx, inner, [...path, "decoder"]));
    }
    default:
      return invalid(ctx, path, `decoder ${String(component.type)} is not supported`);
  }
}

/** Builds a decoder (JSON when absent). */
export function buildDecoder(ctx: FactoryContext, component: unknown, path: ComponentPath): Decode {
  const decoder = decoderOf(ctx, component, path);
  return (response) => decoder.decode(response);
}
