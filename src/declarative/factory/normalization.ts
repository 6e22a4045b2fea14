/**
 * Schema normalisation (`schema_normalization: Default | None`): casts record values to the types the
 * stream's schema declares, through the shared TypeTransformer-compatible normaliser.
 * @module
 */
import { schemaNormalizer } from "../../transform/mod.ts";
import type { JsonSchema, RecordData } from "../../types.ts";
import { type ComponentPath, type FactoryContext, invalid } from "./context.ts";
import { customComponent, isCustomComponent } from "../components_factory.ts";

/** Builds a normaliser from a schema. */
export type NormalizerFactory = (schema: JsonSchema) => (record: RecordData) => RecordData;

/** Builds the normaliser factory of a record selector (undefined when normalisation is off). */
export function buildNormalizer(
  ctx: FactoryContext,
  component: unknown,
  path: ComponentPath,
): NormalizerFactory | undefined {
  if (component === undefined || component === null || component === "None") return undefined;
  if (isCustomComponent(component)) return customComponent(ctx, component, path, "schema_normalization");
  if (component !== "Default") {
    return invalid(ctx, path, `schema_normalization ${JSON.stringify(component)} is not supported`);
  }
  return (schema) => {
    const normalize = schemaNormalizer(schema, { mode: "default" });
    return (record) => normalize(record) ?? record;
  };
}
