/**
 * Schema loaders: InlineSchemaLoader, JsonFileSchemaLoader (a `schemas/<stream>.json` file next to the
 * manifest) and DynamicSchemaLoader (a schema built from an API response).
 * @module
 */
import { SpoutError } from "../../errors.ts";
import { isObject, type JsonSchema } from "../../types.ts";
import { customSchemaLoader, isCustomComponent } from "../components_factory.ts";
import {
  type Component,
  type ComponentPath,
  type FactoryContext,
  interpolated,
  paramsOf,
} from "./context.ts";

/** Loads a stream's schema (cached). */
export type SchemaLoader = () => Promise<JsonSchema>;

const EMPTY_SCHEMA: JsonSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  properties: {},
};

/** Hook for DynamicSchemaLoader, set by the stream factory (needs a retriever). */
export type DynamicSchemaBuilder = (component: Component, path: ComponentPath) => SchemaLoader;

/** Builds the schema loader of a stream. */
export function buildSchemaLoader(
  ctx: FactoryContext,
  component: unknown,
  path: ComponentPath,
  streamName: string,
  dynamic?: DynamicSchemaBuilder,
): SchemaLoader {
  let cached: Promise<JsonSchema> | undefined;
  const once = (load: () => Promise<JsonSchema>): SchemaLoader => () => (cached ??= load());
  if (Array.isArray(component)) {
    // A list of loaders (CompositeSchemaLoader-style): merge properties in order.
    const loaders = component.map((c, i) => buildSchemaLoader(ctx, c, [...path, i], streamName, dynamic));
    return once(async () => {
      const merged: JsonSchema = { ...EMPTY_SCHEMA, properties: {} };
      for (const load of loaders) {
        const s = await load();
        Object.assign(merged.properties as object, isObject(s.properties) ? s.properties : {});
      }
      return merged;
    });
  }
  if (!isObject(component)) return once(() => Promise.resolve(defaultFileSchema(ctx, streamName)));
  if (isCustomComponent(component)) return customSchemaLoader(ctx, component, path);
  switch (component.type) {
    case "InlineSchemaLoader": {
      const schema = isObject(component.schema) ? component.schema : {};
      return once(() => Promise.resolve(schema));
    }
    case "JsonFileSchemaLoader":
    case undefined: {
      const params = paramsOf(component);
      const filePath = interpolated(ctx, component.file_path, params, [...path, "file_path"]);
      return once(async () => {
        const name = filePath.isStatic && component.file_path === undefined
          ? `./schemas/${String(params.name ?? streamName)}.json`
          : filePath.render({});
        return await readSchemaFile(ctx, name || `./schemas/${streamName}.json`) ?? EMPTY_SCHEMA;
      });
    }
    case "DynamicSchemaLoader":
      if (dynamic) {
        const load = dynamic(component, path);
        return once(load);
      }
      return once(() => Promise.resolve(EMPTY_SCHEMA));
    default:
      throw new SpoutError(
        "manifest_unsupported",
        `schema loader ${String(component.type)} is not supported (${path.join(".")})`,
      );
  }
}

function defaultFileSchema(ctx: FactoryContext, streamName: string): Promise<JsonSchema> {
  return readSchemaFile(ctx, `./schemas/${streamName}.json`).then((s) => s ?? EMPTY_SCHEMA);
}

async function readSchemaFile(ctx: FactoryContext, file: string): Promise<JsonSchema | undefined> {
  if (!ctx.readFile) return undefined;
  // The reference resolves `./source_x/schemas/y.json` relative to the package; keep the last two segments.
  const normalized = file.replace(/^\.\//, "").replace(/^[^/]+\/(schemas\/)/, "$1");
  const text = await ctx.readFile(normalized);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch (error) {
    throw new SpoutError("manifest_invalid", `schema file ${normalized} is not valid JSON`, { cause: error });
  }
}
