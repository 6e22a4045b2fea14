/**
 * Transformation family: AddFields, RemoveFields, KeysToLower, KeysToSnakeCase, KeysReplace, FlattenFields,
 * DpathFlattenFields, applied to each selected record.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import type { StreamSlice } from "../../source/types.ts";
import type { RecordData } from "../../types.ts";
import type { ComponentPath, FactoryContext } from "./context.ts";

/** Transforms one record (may mutate and return it). */
export type RecordTransform = (record: RecordData, slice: StreamSlice) => RecordData;

/** Builds the list of transformations of a stream. */
export function buildTransformations(
  _ctx: FactoryContext,
  components: unknown,
  path: ComponentPath,
): RecordTransform[] {
  if (!Array.isArray(components) || components.length === 0) return [];
  throw new SpoutError("manifest_unsupported", `transformations are not supported yet (${path.join(".")})`);
}
