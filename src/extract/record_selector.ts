/**
 * Airbyte's `RecordSelector` + `DpathExtractor` + `RecordFilter`: records out of a decoded document, then
 * filter, transformations and schema normalisation, compiled once per stream.
 * @module
 */
import { SpoutError } from "../errors.ts";
import type { Transformation, TransformContext } from "../transform/types.ts";
import type { RecordData } from "../types.ts";
import { type CompiledPath, compilePath, getPath, type PathSegment, valuesAt } from "./dpath.ts";
import { pyTruthy } from "./py_truthy.ts";
import type { DecodeOptions, Decoder } from "./decoders/types.ts";

/** Options of {@link recordSelector}. */
export interface RecordSelectorOptions {
  /** DpathExtractor `field_path` (default `[]`: the document itself). `*` and `**` are wildcards. */
  fieldPath?: readonly PathSegment[];
  /**
   * Another extractor instead of `fieldPath` (e.g. Airbyte's CombinedExtractor built from several
   * `extractRecords` calls). Its items must be objects.
   */
  extract?: (document: unknown) => unknown[];
  /** Keeps a record when true (Airbyte `record_filter.condition`). */
  filter?: (record: RecordData, ctx?: TransformContext) => boolean;
  /** Transformations, in order (each may mutate or return a replacement). */
  transforms?: readonly Transformation[];
  /** Run transformations before the filter (Airbyte `transform_before_filtering`, default false). */
  transformBeforeFilter?: boolean;
  /** Schema normalisation, applied last (e.g. `schemaNormalizer(schema)`). */
  normalize?: Transformation;
}

/** What one document produced. */
export interface Selection {
  /** Records after filter, transformations and normalisation. */
  records: RecordData[];
  /** Records extracted before filtering (what OffsetIncrement / PageIncrement count). */
  extracted: number;
}

/** A compiled selector: call it once per decoded document. */
export type RecordSelector = (document: unknown, ctx?: TransformContext) => Selection;

/**
 * Extracts records like Airbyte's DpathExtractor: a list yields its items, a non-empty object yields itself,
 * an empty object, a missing path or another falsy value yields nothing. With `*` in the path, each match is
 * one record. Items that are not objects are a `decode_error` (Airbyte cannot emit them either).
 *
 * @example
 * ```ts
 * import { extractRecords } from "./record_selector.ts";
 * import { compilePath } from "./dpath.ts";
 * const recs = extractRecords({ data: { items: [{ id: 1 }, { id: 2 }] } }, compilePath(["data", "items"]));
 * if (recs.length !== 2) throw new Error("wrong");
 * ```
 */
export function extractRecords(document: unknown, path: CompiledPath): RecordData[] {
  let extracted: unknown;
  if (path.segments.length === 0) extracted = document;
  else if (path.segments.includes("*")) extracted = valuesAt(document, path);
  else extracted = getPath(document, path, undefined);
  let list: unknown[];
  if (Array.isArray(extracted)) list = extracted;
  else if (pyTruthy(extracted)) list = [extracted];
  else return [];
  return checkObjects(
    list,
    path.segments.length ? `field_path [${path.segments.join(", ")}]` : "the response",
  );
}

function checkObjects(list: unknown[], at: string): RecordData[] {
  for (let i = 0; i < list.length; i++) {
    const r = list[i];
    if (typeof r !== "object" || r === null || Array.isArray(r)) {
      throw new SpoutError(
        "decode_error",
        `record ${i} at ${at} is ${r === null ? "null" : Array.isArray(r) ? "an array" : `a ${typeof r}`}, ` +
          "not an object: point field_path at a list of objects",
      );
    }
  }
  return list as RecordData[];
}

/**
 * Compiles a record selector. With no filter, transformations or normalisation, records are the extracted
 * objects themselves (no copies).
 *
 * @example
 * ```ts
 * import { recordSelector } from "./record_selector.ts";
 * const select = recordSelector({ fieldPath: ["data"], filter: (r) => r.active === true, transforms: [(r) => { r.seen = 1; }] });
 * const { records, extracted } = select({ data: [{ id: 1, active: true }, { id: 2, active: false }] });
 * if (extracted !== 2 || records.length !== 1 || records[0].seen !== 1) throw new Error("wrong");
 * ```
 */
export function recordSelector(options: RecordSelectorOptions = {}): RecordSelector {
  const path = compilePath(options.fieldPath ?? []);
  const custom = options.extract;
  const extractFrom = custom
    ? (document: unknown): RecordData[] => checkObjects(custom(document), "the extractor")
    : (document: unknown): RecordData[] => extractRecords(document, path);
  const filter = options.filter;
  const transforms = options.transforms ?? [];
  const normalize = options.normalize;
  const nt = transforms.length;
  const before = options.transformBeforeFilter === true;
  if (!filter && nt === 0 && !normalize) {
    return (document: unknown): Selection => {
      const records = extractFrom(document);
      return { records, extracted: records.length };
    };
  }
  const transform = (r: RecordData, ctx?: TransformContext): RecordData => {
    for (let j = 0; j < nt; j++) {
      const out = transforms[j](r, ctx);
      if (out !== undefined) r = out;
    }
    return r;
  };
  return (document: unknown, ctx?: TransformContext): Selection => {
    const extracted = extractFrom(document);
    const n = extracted.length;
    const records: RecordData[] = [];
    for (let i = 0; i < n; i++) {
      let r = extracted[i];
      if (before) {
        if (nt) r = transform(r, ctx);
        if (filter && !filter(r, ctx)) continue;
      } else {
        if (filter && !filter(r, ctx)) continue;
        if (nt) r = transform(r, ctx);
      }
      if (normalize) r = normalize(r, ctx) ?? r;
      records.push(r);
    }
    return { records, extracted: n };
  };
}

const cache = new WeakMap<RecordSelectorOptions, RecordSelector>();

/**
 * One-call form of {@link recordSelector}: compiles once per options object (cached) and selects.
 *
 * @example
 * ```ts
 * import { selectRecords } from "./record_selector.ts";
 * const opts = { fieldPath: ["items", "*", "node"] };
 * const recs = selectRecords({ items: [{ node: { id: 1 } }, { node: { id: 2 } }] }, opts);
 * if (recs.map((r) => r.id).join() !== "1,2") throw new Error("wrong");
 * ```
 */
export function selectRecords(
  body: unknown,
  options: RecordSelectorOptions,
  ctx?: TransformContext,
): RecordData[] {
  let s = cache.get(options);
  if (!s) {
    s = recordSelector(options);
    cache.set(options, s);
  }
  return s(body, ctx).records;
}

/** What {@link selectPage} returns: the page's records plus what a paginator needs. */
export interface PageSelection extends Selection {
  /** The first decoded document (`{}` when there was none): Airbyte's `response` in paginator templates. */
  body: unknown;
}

/**
 * Decodes a response and selects records from every document (multi-document formats stream through the
 * selector as they are decoded).
 *
 * @example
 * ```ts
 * import { recordSelector, selectPage } from "./record_selector.ts";
 * import { jsonDecoder } from "./decoders/json.ts";
 * const page = await selectPage(new Response('{"data":[{"id":1}],"next":"c2"}'), jsonDecoder(), recordSelector({ fieldPath: ["data"] }));
 * if (page.records.length !== 1 || (page.body as { next: string }).next !== "c2") throw new Error("wrong");
 * ```
 */
export async function selectPage(
  response: Response,
  decoder: Decoder,
  select: RecordSelector,
  ctx?: TransformContext,
  options?: DecodeOptions,
): Promise<PageSelection> {
  let body: unknown = undefined;
  let records: RecordData[] | undefined;
  let extracted = 0;
  const add = (doc: unknown) => {
    if (body === undefined) body = doc;
    const s = select(doc, ctx);
    extracted += s.extracted;
    if (records === undefined) records = s.records;
    else for (let i = 0; i < s.records.length; i++) records.push(s.records[i]);
  };
  if (decoder.decodeAll) {
    const docs = await decoder.decodeAll(response, options);
    for (let i = 0; i < docs.length; i++) add(docs[i]);
  } else {
    for await (const doc of decoder.decode(response, options)) add(doc);
  }
  return { records: records ?? [], extracted, body: body ?? {} };
}
