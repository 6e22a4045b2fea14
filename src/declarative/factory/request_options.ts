/**
 * HttpRequester request inputs: url, path, query parameters, headers and bodies, compiled once and evaluated
 * per request with Airbyte's variables (`config`, `parameters`, `stream_slice` and aliases,
 * `next_page_token`, the slice's extra fields).
 * @module
 */
import { SpoutError } from "../../errors.ts";
import { buildRequest } from "../../source/request_builder.ts";
import { isObject } from "../../types.ts";
import type { RequestParts } from "../../pagination/types.ts";
import {
  type Component,
  type ComponentPath,
  type FactoryContext,
  type Interpolated,
  interpolated,
  invalid,
  paramsOf,
} from "./context.ts";
import { dependsOnPage, type ValidType, type Vars } from "./templates.ts";
import { pyStr as pythonStr } from "../interpolation/py_value.ts";

/** Evaluates a mapping or string input to a value per request. */
export type InputEvaluator = (vars: Vars) => unknown;

/** Compiled HttpRequester inputs. */
export interface RequestInputs {
  /** HTTP method (upper case). */
  readonly method: string;
  /** `url_base` (or `url`) joined with `path`, without query parameters from the manifest. */
  url(vars: Vars, pathOverride?: string): string;
  /** Everything else (query, headers, bodies) as request parts. */
  parts(vars: Vars): RequestParts;
}

const PARAM_TYPES: readonly ValidType[] = ["str", "list"];

/** True when any string inside `input` (keys included) is a template that may change from page to page. */
function anyPageDependent(input: unknown): boolean {
  if (typeof input === "string") return dependsOnPage(input);
  if (Array.isArray(input)) return input.some(anyPageDependent);
  if (isObject(input)) return Object.entries(input).some(([k, v]) => dependsOnPage(k) || anyPageDependent(v));
  return false;
}

/**
 * Evaluates `f` once per slice: the result is reused while `vars.stream_slice` is the same object (the slice
 * view is cached per slice, so every page of a slice hits, also when slices are read concurrently). Results
 * are shared: callers copy them.
 */
function oncePerSlice<T>(f: (vars: Vars) => T): (vars: Vars) => T {
  let lastView: object | undefined = undefined;
  let last: T;
  const byView = new WeakMap<object, { value: T }>();
  return (vars) => {
    const view = vars.stream_slice;
    if (view === undefined || view === null || typeof view !== "object") return f(vars);
    if (view === lastView) return last;
    let hit = byView.get(view);
    if (!hit) {
      hit = { value: f(vars) };
      byView.set(view, hit);
    }
    lastView = view;
    last = hit.value;
    return hit.value;
  };
}

/**
 * Converts evaluated mappings, reusing the conversion while the mapping is the same (cached) object; a
 * mapping that changes from page to page (`perPage`) is converted every time.
 */
function convertOnce<T>(convert: (value: unknown) => T, perPage: boolean): (value: unknown) => T {
  if (perPage) return convert;
  let lastValue: unknown = undefined;
  let last: T;
  const byValue = new WeakMap<object, T>();
  return (value) => {
    if (value === null || typeof value !== "object") return convert(value);
    if (value === lastValue) return last;
    let hit = byValue.get(value);
    if (hit === undefined) {
      hit = convert(value);
      byValue.set(value, hit);
    }
    lastValue = value;
    last = hit;
    return hit;
  };
}

/** Compiles a mapping whose keys and values may be templates; `null` results are dropped. */
export function compileMapping(
  ctx: FactoryContext,
  input: unknown,
  parameters: { [key: string]: unknown },
  path: ComponentPath,
  validTypes?: readonly ValidType[],
): InputEvaluator | undefined {
  if (input === undefined || input === null) return undefined;
  if (typeof input === "string") {
    const tpl = interpolated(ctx, input, parameters, path, { kind: "mapping" });
    const evaluateString: InputEvaluator = (vars) => {
      const value = tpl.eval(vars);
      return value === undefined || value === null ? undefined : value;
    };
    return dependsOnPage(input) ? evaluateString : oncePerSlice(evaluateString);
  }
  if (!isObject(input)) return invalid(ctx, path, "expected a mapping or a string");
  const entries: [Interpolated, Interpolated | unknown, boolean][] = Object.entries(input).map((
    [key, value],
  ) => {
    const k = interpolated(ctx, key, parameters, [...path, key]);
    if (typeof value === "string") {
      return [k, interpolated(ctx, value, parameters, [...path, key], { kind: "mapping" }), true];
    }
    return [k, value, false];
  });
  const allStatic = entries.every(([k, v, isTpl]) => k.isStatic && (!isTpl || (v as Interpolated).isStatic));
  const evaluate = (vars: Vars): { [key: string]: unknown } => {
    const out: { [key: string]: unknown } = {};
    for (const [k, v, isTpl] of entries) {
      const key = k.render(vars);
      const value = isTpl ? (v as Interpolated).eval(vars, validTypes) : v;
      if (value !== undefined && value !== null) out[key] = value;
    }
    return out;
  };
  if (allStatic) {
    const constant = evaluate({});
    return () => constant;
  }
  return anyPageDependent(input) ? evaluate : oncePerSlice(evaluate);
}

/** Compiles a nested JSON body: every string leaf may be a template. */
export function compileNested(
  ctx: FactoryContext,
  input: unknown,
  parameters: { [key: string]: unknown },
  path: ComponentPath,
): InputEvaluator | undefined {
  if (input === undefined || input === null) return undefined;
  if (typeof input === "string") return compileMapping(ctx, input, parameters, path);
  const walk = (node: unknown, at: ComponentPath): InputEvaluator => {
    if (typeof node === "string") {
      const tpl = interpolated(ctx, node, parameters, at, { kind: "mapping" });
      return (vars) => tpl.eval(vars);
    }
    if (Array.isArray(node)) {
      const items = node.map((item, i) => walk(item, [...at, i]));
      return (vars) => items.map((f) => f(vars));
    }
    if (isObject(node)) {
      const entries = Object.entries(node).map(([k, v]) =>
        [interpolated(ctx, k, parameters, [...at, k]), walk(v, [...at, k])] as const
      );
      return (vars) => {
        const out: { [key: string]: unknown } = {};
        // like the reference's InterpolatedNestedMapping, None values are dropped at every object level
        for (const [k, f] of entries) {
          const v = f(vars);
          if (v !== null && v !== undefined) out[k.render(vars)] = v;
        }
        return out;
      };
    }
    return () => node;
  };
  // Like mappings, a body whose templates do not change from page to page is built once per slice (shared:
  // request options that write into the body copy it first).
  const evaluate = walk(input, path);
  return anyPageDependent(input) ? evaluate : oncePerSlice(evaluate);
}

/** Converts an evaluated query-parameter value to request parts' string form. */
export function toQueryValue(value: unknown): string | string[] {
  if (Array.isArray(value)) return value.map((v) => pyStr(v));
  return pyStr(value);
}

/** Python's `str()` for the JSON-ish values request options produce. */
export function pyStr(value: unknown): string {
  if (value === true) return "True";
  if (value === false) return "False";
  if (value === null || value === undefined) return "None";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * Python's `str(InterpolatedString.eval(...))`: the template's literal-evaluated result as a string (an absent
 * value is the empty string).
 */
function evaluatedStr(template: Interpolated, vars: Vars): string {
  const value = template.eval(vars);
  return value === undefined ? "" : pythonStr(value);
}

/** `request_parameters` without QueryProperties values (the retriever injects those per property chunk). */
function withoutQueryProperties(params: unknown): unknown {
  if (!isObject(params)) return params;
  const entries = Object.entries(params);
  if (!entries.some(([, v]) => isObject(v) && v.type === "QueryProperties")) return params;
  return Object.fromEntries(entries.filter(([, v]) => !(isObject(v) && v.type === "QueryProperties")));
}

/** The property chunk of a request (`stream_slice.extra_fields.query_properties`) joined with `,`. */
function queryPropertiesValue(vars: Vars, at: string): string {
  const slice = vars.stream_slice as { extra_fields?: { [key: string]: unknown } } | undefined;
  const chunk = slice?.extra_fields?.query_properties;
  if (!Array.isArray(chunk)) {
    throw new SpoutError(
      "internal_error",
      `${at}: QueryProperties is defined but the slice has no list of query_properties`,
    );
  }
  return chunk.map(String).join(",");
}

/**
 * Compiles the request inputs of an HttpRequester component. `queryPropertiesKey` names the
 * `request_parameters` key that declared a QueryProperties: it receives the slice's property chunk, after the
 * other parameters (as in the reference).
 */
export function compileRequestInputs(
  ctx: FactoryContext,
  requester: Component,
  path: ComponentPath,
  queryPropertiesKey?: string,
): RequestInputs {
  const params = paramsOf(requester);
  const urlBase = interpolated(ctx, requester.url_base, params, [...path, "url_base"]);
  const url = interpolated(ctx, requester.url, params, [...path, "url"]);
  const pathTpl = interpolated(ctx, requester.path, params, [...path, "path"]);
  const method = String(requester.http_method ?? "GET").toUpperCase();
  const query = compileMapping(
    ctx,
    withoutQueryProperties(requester.request_parameters),
    params,
    [...path, "request_parameters"],
    PARAM_TYPES,
  );
  const headers = compileMapping(ctx, requester.request_headers, params, [...path, "request_headers"]);
  let bodyJson: InputEvaluator | undefined;
  let bodyData: InputEvaluator | undefined;
  const body = requester.request_body;
  if (isObject(body)) {
    const at = [...path, "request_body"];
    switch (body.type) {
      case "RequestBodyJsonObject":
        bodyJson = compileNested(ctx, body.value, params, at);
        break;
      case "RequestBodyGraphQL": {
        const value = isObject(body.value) ? body.value : {};
        const gql: { [key: string]: unknown } = {};
        for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) gql[k] = v;
        bodyJson = compileNested(ctx, gql, params, at);
        break;
      }
      case "RequestBodyUrlEncodedForm":
        bodyData = compileMapping(ctx, body.value, params, at, PARAM_TYPES);
        break;
      case "RequestBodyPlainText":
        bodyData = compileMapping(ctx, body.value, params, at);
        break;
      default:
        invalid(ctx, at, `unsupported request_body type ${String(body.type)}`);
    }
  }
  bodyJson ??= compileNested(ctx, requester.request_body_json, params, [...path, "request_body_json"]);
  bodyData ??= compileMapping(
    ctx,
    requester.request_body_data,
    params,
    [...path, "request_body_data"],
    PARAM_TYPES,
  );

  // url_base/url/path usually depend on config and the slice only: joined once per slice.
  const urlPerSlice = ![requester.url_base, requester.url, requester.path].some(anyPageDependent);
  // Like the reference, url_base, url and path are InterpolatedStrings read through `str()`: the rendered text
  // is literal-evaluated first, so a quoted literal ('"https://…"') loses its quotes and `1_0` becomes `10`.
  const renderUrl = (vars: Vars, pathOverride?: string): string => {
    const base = evaluatedStr(urlBase, vars);
    const p = pathOverride ?? evaluatedStr(pathTpl, vars).replace(/^\/+/, "");
    if (base) return joinUrl(base, p);
    const full = evaluatedStr(url, vars);
    return p ? joinUrl(full, p) : full;
  };
  const slicedUrl = urlPerSlice ? oncePerSlice((vars) => renderUrl(vars)) : undefined;
  // Converted query/header values, reused while the evaluated mapping is the same object (once per slice).
  const convertQuery = convertOnce((q) => {
    const converted: Record<string, string | string[]> = {};
    if (isObject(q)) {
      for (const [k, v] of Object.entries(q)) {
        if (isObject(v)) {
          invalid(ctx, [...path, "request_parameters", k], "request parameter values cannot be objects");
        }
        converted[k] = toQueryValue(v);
      }
    }
    return converted;
  }, anyPageDependent(requester.request_parameters));
  const convertHeaders = convertOnce((h) => {
    const converted: Record<string, string> = {};
    if (isObject(h)) { for (const [k, v] of Object.entries(h)) converted[k] = pyStr(v); }
    return converted;
  }, anyPageDependent(requester.request_headers));

  return {
    method,
    url(vars, pathOverride) {
      if (pathOverride === undefined && slicedUrl) return slicedUrl(vars);
      return renderUrl(vars, pathOverride);
    },
    parts(vars) {
      const lastQuery = convertQuery(query?.(vars));
      const lastHeaders = convertHeaders(headers?.(vars));
      const parts: RequestParts = { path: "", query: { ...lastQuery }, headers: { ...lastHeaders } };
      if (queryPropertiesKey !== undefined) {
        parts.query[queryPropertiesKey] = queryPropertiesValue(vars, path.join("."));
      }
      const j = bodyJson?.(vars);
      if (isObject(j) && Object.keys(j).length > 0) parts.json = j;
      const d = bodyData?.(vars);
      if (typeof d === "string") {
        // A string body (after literal evaluation) is sent as is by the reference, without a content type.
        if (d !== "") (parts as TextBodyParts).text = d;
      } else if (isObject(d) && Object.keys(d).length > 0) {
        parts.form = {};
        for (const [k, v] of Object.entries(d)) parts.form[k] = pyStr(v);
      }
      return parts;
    },
  };
}

/**
 * A request whose body is the plain text `text`, like `requests` with a string `data`: the bytes as they are
 * (UTF-8), no content type unless the manifest sets one, no body for methods without one. Body fields written
 * by paginators or authenticators cannot be combined with it (the reference's `combine_mappings` refuses).
 */
function withTextBody(
  parts: RequestParts,
  text: string,
  method: string,
  signal: AbortSignal | undefined,
  stream: string,
): Request {
  const upper = method.toUpperCase();
  if (parts.form && Object.keys(parts.form).length > 0) {
    throw new SpoutError(
      "manifest_invalid",
      `stream ${stream}: a plain-text request_body_data cannot be combined with body_data fields (${
        Object.keys(parts.form).join(", ")
      }) injected by the paginator, the authenticator or a partition; use a request_body_data mapping`,
    );
  }
  const hasJson = parts.json !== undefined && Object.keys(parts.json).length > 0;
  if (hasJson && BODY_METHODS.has(upper)) {
    throw new SpoutError(
      "manifest_invalid",
      `stream ${stream}: only one of request_body_data and request_body_json can carry the body; move the ` +
        `body_json fields into the text body or use request_body_json`,
    );
  }
  const { form: _form, json: _json, ...rest } = parts as TextBodyParts;
  delete rest.text;
  const request = buildRequest(rest, { urlBase: "", method, signal });
  if (!BODY_METHODS.has(upper)) return request;
  return new Request(request, { body: new TextEncoder().encode(text) });
}

const joined = new Map<string, string>();

/**
 * Joins a base URL and a path like Airbyte (`urljoin` after ensuring a trailing slash). Memoised (bounded):
 * the same base and path are joined on every page.
 *
 * @example
 * ```ts
 * import { joinUrl } from "./request_options.ts";
 * if (joinUrl("https://x.test/v1", "items") !== "https://x.test/v1/items") throw new Error("join");
 * if (joinUrl("https://x.test//v1/", "a") !== "https://x.test/v1/a") throw new Error("empty segments");
 * ```
 */
export function joinUrl(base: string, path: string): string {
  if (!path) return base;
  const key = base + "\n" + path;
  const hit = joined.get(key);
  if (hit !== undefined) return hit;
  const out = joinUncached(base, path);
  if (joined.size >= 512) joined.clear();
  joined.set(key, out);
  return out;
}

function joinUncached(base: string, path: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
  const b = base.endsWith("/") ? base : base + "/";
  try {
    // Python's urljoin drops empty path segments of the base ("https://x//v1/" + "a" -> "https://x/v1/a").
    const u = new URL(b);
    u.pathname = u.pathname.replace(/\/{2,}/g, "/");
    return new URL(path, u).toString();
  } catch {
    return b + path.replace(/^\/+/, "");
  }
}

/** Request parts carrying a plain-text body (kept by the `{ ...parts }` copies of the request pipeline). */
type TextBodyParts = RequestParts & { text?: string };

/** HTTP methods that carry a body (like the reference's BODY_REQUEST_METHODS). */
const BODY_METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH"]);

/**
 * The plain-text body of request parts: a `request_body_data` string, sent as is (no content type added).
 *
 * @example
 * ```ts
 * import { compileRequestInputs, textBodyOf } from "./request_options.ts";
 * const ctx = { config: {}, components: {}, streamCache: new Map() };
 * const inputs = compileRequestInputs(ctx, { url_base: "https://x.test", request_body_data: "<q/>" }, ["r"]);
 * const parts = inputs.parts({});
 * if (textBodyOf(parts) !== "<q/>" || parts.form !== undefined) throw new Error("text body");
 * ```
 */
export function textBodyOf(parts: RequestParts): string | undefined {
  const text = (parts as TextBodyParts).text;
  return typeof text === "string" ? text : undefined;
}

/** Builds the Request; an unusable URL (e.g. a config value that is not a URL) is a config error. */
export function toRequest(
  parts: RequestParts,
  method: string,
  signal: AbortSignal | undefined,
  run: { stream: string; ctx: { masker: { mask(text: string): string } } },
): Request {
  const text = textBodyOf(parts);
  try {
    if (text === undefined) return buildRequest(parts, { urlBase: "", method, signal });
    return withTextBody(parts, text, method, signal, run.stream);
  } catch (error) {
    if (error instanceof TypeError) {
      throw new SpoutError(
        "config_error",
        `stream ${run.stream}: cannot build a request for ${
          run.ctx.masker.mask(String(parts.url ?? parts.path))
        } (${error.message}); check the URL-related values in the config`,
        { cause: error },
      );
    }
    throw error;
  }
}
