/**
 * RecordSelector family: DpathExtractor (with wildcards), RecordFilter, the stream's transformations and
 * schema normalisation, in the reference's order (filter then transform, or transform first when
 * `transform_before_filtering`).
 * @module
 */
import { compilePath, getPath, valuesAt } from "../../extract/dpath.ts";
import { pyTruthy } from "../../extract/py_truthy.ts";
import type { StreamSlice } from "../../source/types.ts";
import { isObject, type RecordData } from "../../types.ts";
import {
  bool,
  type Component,
  type ComponentPath,
  type FactoryContext,
  interpolated,
  invalid,
  paramsOf,
} from "./context.ts";
import { requestVars } from "./slices.ts";
import { buildNormalizer } from "./normalization.ts";
import { buildTransformations, type RecordTransform } from "./transformations.ts";
import type { SliceCursor } from "../../incremental/types.ts";
import { customExtractor, customRecordFilter, isCustomComponent } from "../components_factory.ts";

/** Selects the records of one decoded document. */
export interface BuiltSelector {
  /** Loads what selection needs once (the schema, for normalisation). */
  prepare(): Promise<void>;
  /** Records of `document` for `slice` (filtered, transformed, normalised). */
  select(
    document: unknown,
    response: Response,
    slice: StreamSlice,
    token: unknown,
    cursor?: SliceCursor,
  ): RecordData[];
  /** Number of records extracted by the last `select` call, before filtering. */
  lastExtracted(): number;
  /** Filters, transforms and normalises already extracted records (AsyncRetriever downloads). */
  process(raws: Iterable<unknown>, slice: StreamSlice, token: unknown, cursor?: SliceCursor): RecordData[];
}

/** Options of {@link buildRecordSelector}. */
export interface SelectorOptions {
  /** Stream-level transformations (DeclarativeStream.transformations). */
  transformations?: unknown;
  /** The stream's schema (for schema_normalization). */
  schema?: () => Promise<{ [key: string]: unknown }>;
  /** True when the cursor filters records client-side (inside the selector, before pagination). */
  clientSideIncremental?: boolean;
}

/** Builds an extractor: document -> raw records. */
export function buildExtractor(
  ctx: FactoryContext,
  component: unknown,
  path: ComponentPath,
): (document: unknown) => unknown[] {
  if (!isObject(component)) return (doc) => toRecords(doc);
  if (isCustomComponent(component)) return customExtractor(ctx, component, path);
  if (component.type !== "DpathExtractor" && component.type !== undefined) {
    return invalid(ctx, path, `record extractor ${String(component.type)} is not supported`);
  }
  const params = paramsOf(component);
  const raw = Array.isArray(component.field_path) ? component.field_path : [];
  const segments = raw.map((p, i) => interpolated(ctx, p, params, [...path, "field_path", i]).render({}));
  if (segments.length === 0) return (doc) => toRecords(doc);
  const compiled = compilePath(segments);
  if (compiled.hasGlob) {
    return (doc) => toRecords(valuesAt(doc, compiled));
  }
  return (doc) => toRecords(getPath(doc, compiled, []));
}

function toRecords(extracted: unknown): unknown[] {
  if (Array.isArray(extracted)) return extracted;
  if (isObject(extracted)) return Object.keys(extracted).length > 0 ? [extracted] : [];
  if (extracted === undefined || extracted === null || extracted === "" || extracted === false) return [];
  return [extracted];
}

/** Builds a RecordSelector. */
export function buildRecordSelector(
  ctx: FactoryContext,
  component: unknown,
  path: ComponentPath,
  options: SelectorOptions = {},
): BuiltSelector {
  const selector: Component = isObject(component) ? component : {};
  const extract = buildExtractor(ctx, selector.extractor, [...path, "extractor"]);
  // The filter of one page: built once per page (its template context too), called per record.
  let filterFor: ((slice: StreamSlice, token: unknown) => (record: RecordData) => boolean) | undefined;
  const filterComponent = selector.record_filter;
  if (isCustomComponent(filterComponent)) {
    const custom = customRecordFilter(ctx, filterComponent, [...path, "record_filter"]);
    filterFor = (slice, token) => (record) => custom(record, slice, token);
  } else if (
    isObject(filterComponent) && filterComponent.condition !== undefined && filterComponent.condition !== ""
  ) {
    if (filterComponent.type !== undefined && filterComponent.type !== "RecordFilter") {
      invalid(
        ctx,
        [...path, "record_filter"],
        `record filter ${String(filterComponent.type)} is not supported`,
      );
    }
    const condition = interpolated(
      ctx,
      filterComponent.condition,
      paramsOf(filterComponent),
      [...path, "record_filter", "condition"],
      { kind: "boolean" },
    );
    filterFor = (slice, token) => {
      // One context per page; only `record` changes per record.
      const scope = condition.scope({ ...requestVars(slice, token), record: undefined });
      return (record) => pyTruthy(condition.eval(scope.set("record", record)));
    };
  }
  const transforms: RecordTransform[] = buildTransformations(ctx, options.transformations, path);
  const normalizer = buildNormalizer(ctx, selector.schema_normalization, [...path, "schema_normalization"]);
  const transformFirst = bool(selector.transform_before_filtering, options.clientSideIncremental ?? false);
  let normalize: ((record: RecordData) => RecordData) | undefined;
  let prepared = false;
  let extractedCount = 0;

  return {
    async prepare() {
      if (prepared) return;
      prepared = true;
      if (normalizer && options.schema) normalize = normalizer(await options.schema());
    },
    select(document, _response, slice, token, cursor) {
      const raws = extract(document);
      extractedCount = raws.length;
      return this.process(raws, slice, token, cursor);
    },
    lastExtracted: () => extractedCount,
    process(raws, slice, token, cursor) {
      const sync = options.clientSideIncremental && cursor?.shouldSync ? cursor : undefined;
      const nt = transforms.length;
      if (filterFor === undefined && nt === 0 && normalize === undefined && sync === undefined) {
        // Nothing to do per record: the extracted list itself when it holds only objects (no copy).
        if (Array.isArray(raws)) {
          const n = raws.length;
          let i = 0;
          while (i < n && isObject(raws[i])) i++;
          if (i === n) return raws as RecordData[];
        }
      }
      const keep = filterFor?.(slice, token);
      const out: RecordData[] = [];
      for (const raw of raws) {
        if (!isObject(raw)) continue;
        let record: RecordData = raw;
        if (transformFirst) { for (let i = 0; i < nt; i++) record = transforms[i](record, slice); }
        if (keep && !keep(record)) continue;
        if (sync && !sync.shouldSync!(record, slice)) continue;
        if (!transformFirst) { for (let i = 0; i < nt; i++) record = transforms[i](record, slice); }
        if (normalize) record = normalize(record);
        out.push(record);
      }
      return out;
    },
  };
}
