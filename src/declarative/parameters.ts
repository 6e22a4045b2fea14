/**
 * The component transformer: fills default `type`s and propagates `$parameters` down the component tree
 * with the reference CDK's exact rules:
 * - a component's own `$parameters` override its parent's (or the reverse with `useParentParameters`);
 * - every parameter is also written onto the component as a field, unless the component already has a
 *   truthy value there (Python truthiness: `""`, `0`, `false`, `[]`, `{}` and `null` are replaced);
 * - a parameter named like the field being descended into is not passed to that field's components;
 * - JSON-schema objects (`type: object`, or a list/mapping `type`) are left alone;
 * - untyped objects only pass parameters to direct children that have a `type`;
 * - the merged parameters are kept under `$parameters` on each typed component.
 * @module
 */
import { defaultComponentType } from "./defaults.ts";
import { setOwn } from "./load_manifest.ts";
import { copyJson, isPlainObject } from "./resolve_refs.ts";

const PARAMETERS = "$parameters";

/** Python truthiness of a JSON value. */
export function pyTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

function pyStr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  return String(value);
}

function isJsonSchemaObject(component: Record<string, unknown>): boolean {
  const type = component.type;
  return type === "object" || Array.isArray(type) || isPlainObject(type);
}

/**
 * Returns a transformed copy of `component` (the input is not modified). `parentField` is
 * `ParentType.field` (empty for the manifest root).
 *
 * @example
 * ```ts
 * import { propagateTypesAndParameters } from "./parameters.ts";
 * const stream = propagateTypesAndParameters("DeclarativeSource.streams", {
 *   $parameters: { name: "users", path: "/users" },
 *   retriever: { requester: { url_base: "https://x" } },
 * }, {});
 * const requester = (stream.retriever as Record<string, Record<string, unknown>>).requester;
 * if (stream.type !== "DeclarativeStream" || stream.name !== "users") throw new Error("stream");
 * if (requester.type !== "HttpRequester" || requester.path !== "/users") throw new Error("requester");
 * ```
 */
export function propagateTypesAndParameters(
  parentField: string,
  component: Record<string, unknown>,
  parentParameters: Record<string, unknown>,
  useParentParameters?: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(component)) setOwn(out, key, component[key]);
  if (!Object.hasOwn(out, "type")) {
    const found = defaultComponentType(parentField, Object.hasOwn(out, "class_name"));
    if (found) out.type = found;
  }

  const inherited = copyJson(parentParameters);
  const ownRaw = Object.hasOwn(out, PARAMETERS) ? out[PARAMETERS] : {};
  delete out[PARAMETERS];
  const own = isPlainObject(ownRaw) ? copyJson(ownRaw) : {};
  const current: Record<string, unknown> = useParentParameters
    ? { ...own, ...inherited }
    : { ...inherited, ...own };

  if (isJsonSchemaObject(out)) return out;

  if (!Object.hasOwn(out, "type")) {
    for (const key of Object.keys(out)) {
      const value = out[key];
      if (isPlainObject(value) && pyTruthy(value.type)) {
        setOwn(out, key, propagateTypesAndParameters(parentField, value, current, useParentParameters));
      }
    }
    return out;
  }

  for (const key of Object.keys(current)) {
    if (!pyTruthy(out[key])) setOwn(out, key, current[key]);
  }

  const typeName = pyStr(out.type);
  for (const key of Object.keys(out)) {
    const value = out[key];
    if (!isPlainObject(value) && !Array.isArray(value)) continue;
    // a parameter named like this field is not passed down into it (it would feed itself)
    const excluded = Object.hasOwn(current, key) ? current[key] : undefined;
    delete current[key];
    const childField = `${typeName}.${key}`;
    if (isPlainObject(value)) {
      setOwn(out, key, propagateTypesAndParameters(childField, value, current, useParentParameters));
    } else {
      // lists coming from the component are copied; a list that came from a parameter is shared with
      // `$parameters` and, as in the reference, updated in place
      const list = value === component[key] ? value.slice() : value;
      for (let i = 0; i < list.length; i++) {
        const element = list[i];
        if (isPlainObject(element)) {
          list[i] = propagateTypesAndParameters(childField, element, current, useParentParameters);
        }
      }
      setOwn(out, key, list);
    }
    // as in the reference, a falsy excluded parameter is not restored for the following fields
    if (pyTruthy(excluded)) setOwn(current, key, excluded);
  }

  if (Object.keys(current).length > 0) out[PARAMETERS] = current;
  return out;
}
