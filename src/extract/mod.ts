/**
 * Record extraction: dpath access, the record selector (extractor + filter + transformations +
 * normalisation) and response decoders.
 * @module
 */
export {
  type CompiledPath,
  compilePath,
  deletePath,
  getPath,
  isForbiddenKey,
  type PathSegment,
  setPath,
  valuesAt,
} from "./dpath.ts";
export { pyTruthy } from "./py_truthy.ts";
export {
  extractRecords,
  type PageSelection,
  type RecordSelector,
  recordSelector,
  type RecordSelectorOptions,
  type Selection,
  selectRecords,
} from "./record_selector.ts";
export * from "./decoders/mod.ts";
