/**
 * Record transformations (Airbyte AddFields, RemoveFields, KeysToLower/SnakeCase/Replace, FlattenFields,
 * DpathFlattenFields) and TypeTransformer-compatible schema normalisation.
 * @module
 */
export { composeTransformations, type Transformation, type TransformContext } from "./types.ts";
export {
  type AddedField,
  addFields,
  type AddFieldsOptions,
  castValueType,
  type ValueType,
} from "./add_fields.ts";
export { removeFields, type RemoveFieldsOptions } from "./remove_fields.ts";
export {
  keysReplace,
  type KeysReplaceOptions,
  keysToLower,
  keysToSnakeCase,
  toSnakeCase,
} from "./keys_case.ts";
export { flattenFields, type FlattenFieldsOptions } from "./flatten.ts";
export { dpathFlattenFields, type DpathFlattenFieldsOptions } from "./dpath_flatten.ts";
export { type CustomNormalizer, type NormalizeOptions, pyRepr, schemaNormalizer } from "./normalize.ts";
