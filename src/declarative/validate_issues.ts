/**
 * Turns zod issues from the manifest schema into findings a person can act on: unknown component types and
 * keys with "did you mean", missing required fields, wrong value kinds. Positions are added later.
 * @module
 */
import type { JsonPath, PathSegment } from "./positions.ts";
import { isPlainObject } from "./resolve_refs.ts";
import { didYouMean } from "./suggest.ts";
import { DEFINITIONS, ROOT } from "./_schema/mod.ts";

/** A problem found in a manifest, before its position is looked up. */
export interface Finding {
  /** JSON path of the node concerned (in the resolved manifest). */
  path: PathSegment[];
  /** Point at the key of the entry rather than its value (unknown keys). */
  atKey?: boolean;
  /** Stable machine-readable kind. */
  code: string;
  /** What is wrong and what to do. */
  message: string;
  /** Findings with the same group are reported once, listing the other places. */
  group?: string;
  /** Locate at this path's key instead (e.g. the `class_name` of a component built by reference). */
  locateKey?: PathSegment[];
}

/** The subset of a zod issue used here. */
export interface SchemaIssue {
  /** zod issue code. */
  code: string;
  /** Path relative to where the issue's parser ran. */
  path: PropertyKey[];
  /** zod's message. */
  message: string;
  /** Expected kind (invalid_type). */
  expected?: string;
  /** Issues of each branch (invalid_union). */
  errors?: SchemaIssue[][];
  /** "No matching discriminator" for a discriminated union's unknown type. */
  note?: string;
  /** Accepted discriminator values. */
  options?: unknown[];
  /** Unknown keys (unrecognized_keys). */
  keys?: string[];
  /** Accepted values (invalid_value). */
  values?: unknown[];
  /** Extra data of custom issues. */
  params?: Record<string, unknown>;
}

/** Every `type` value a component can have. */
export const COMPONENT_TYPES: readonly string[] = Object.values(DEFINITIONS).flatMap((
  d,
) => (d.type ? [d.type] : []));

/** Definition facts by component `type` value. */
export const DEFINITION_BY_TYPE: ReadonlyMap<string, { name: string; fields: readonly string[] }> = new Map(
  Object.entries(DEFINITIONS).flatMap(([name, d]) =>
    d.type ? [[d.type, { name, fields: d.fields ?? [] }]] : []
  ),
);

/** The value at `path` under `root` (undefined when absent). */
export function valueAt(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const seg of path) {
    if (Array.isArray(node) && typeof seg === "number") node = node[seg];
    else if (isPlainObject(node) && Object.hasOwn(node, seg)) node = node[seg as string];
    else return undefined;
  }
  return node;
}

/** A short description of a JSON value's kind ("a string", "a list", ...). */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return Number.isInteger(value) ? "an integer" : "a number";
    case "boolean":
      return "a boolean";
    case "object":
      return "a mapping";
    default:
      return typeof value;
  }
}

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  record: "a mapping",
  null: "null",
};

function fieldLabel(path: JsonPath): string {
  for (let i = path.length - 1; i >= 0; i--) {
    if (typeof path[i] === "string") return `"${path[i] as string}"`;
  }
  return "the manifest";
}

function typeSuffix(root: unknown, objPath: JsonPath): string {
  const obj = valueAt(root, objPath);
  if (isPlainObject(obj) && typeof obj.type === "string") return ` on ${obj.type}`;
  return objPath.length === 0 ? " at the manifest root" : "";
}

function listOptions(options: readonly string[]): string {
  const shown = options.slice(0, 10).join(", ");
  return options.length > 10 ? `${shown}, … (${options.length} types)` : shown;
}

function kindMismatch(branch: SchemaIssue[]): boolean {
  return branch.length === 1 && branch[0].path.length === 0 && branch[0].code === "invalid_type";
}

/** Converts schema issues (paths relative to `base`) into findings. */
export function issuesToFindings(
  issues: readonly SchemaIssue[],
  root: unknown,
  base: JsonPath = [],
): Finding[] {
  const out: Finding[] = [];
  for (const issue of issues) convert(issue, root, base, out);
  return out;
}

function convert(issue: SchemaIssue, root: unknown, base: JsonPath, out: Finding[]): void {
  const path = [...base, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))];
  const value = valueAt(root, path);
  const last = path.length > 0 ? path[path.length - 1] : undefined;
  switch (issue.code) {
    case "invalid_union": {
      if (issue.note === "No matching discriminator") {
        out.push(discriminatorFinding(issue, root, path));
        return;
      }
      const branches = issue.errors ?? [];
      const viable = branches.filter((b) => !kindMismatch(b));
      if (viable.length === 0) {
        const expected = [...new Set(branches.map((b) => EXPECTED[b[0]?.expected ?? ""] ?? b[0]?.expected))];
        out.push({
          path,
          code: "invalid_type",
          message: `${fieldLabel(path)} must be ${expected.join(" or ")}, got ${kindOf(value)}`,
        });
        return;
      }
      const best = viable.reduce((a, b) => (b.length < a.length ? b : a));
      for (const inner of best) convert(inner, root, path, out);
      return;
    }
    case "invalid_type": {
      if (value === undefined && last !== undefined) {
        const objPath = path.slice(0, -1);
        out.push({
          path: objPath,
          code: "missing_field",
          message: `missing required field "${String(last)}"${typeSuffix(root, objPath)}`,
        });
        return;
      }
      const expected = EXPECTED[issue.expected ?? ""] ?? issue.expected ?? "something else";
      out.push({
        path,
        code: "invalid_type",
        message: `${fieldLabel(path)} must be ${expected}, got ${kindOf(value)}`,
      });
      return;
    }
    case "invalid_value": {
      const values = (issue.values ?? []).map((v) => String(v));
      if (value === undefined && last !== undefined) {
        const objPath = path.slice(0, -1);
        out.push({
          path: objPath,
          code: "missing_field",
          message: `missing required field "${String(last)}"${typeSuffix(root, objPath)} (one of ${
            listOptions(values)
          })`,
        });
        return;
      }
      const hint = typeof value === "string" ? didYouMean(value, values) : undefined;
      out.push({
        path,
        code: "invalid_value",
        message:
          `${fieldLabel(path)} is ${JSON.stringify(value)}${hint ? ` (did you mean "${hint}"?)` : ""}; ` +
          `expected ${values.length === 1 ? JSON.stringify(values[0]) : `one of ${listOptions(values)}`}`,
      });
      return;
    }
    case "unrecognized_keys": {
      const candidates = path.length === 0
        ? ROOT.fields ?? []
        : Object.keys(isPlainObject(value) ? value : {});
      for (const key of issue.keys ?? []) {
        const hint = didYouMean(key, candidates.filter((c) => !(issue.keys ?? []).includes(c)));
        out.push({
          path: [...path, key],
          atKey: true,
          code: "unknown_key",
          message:
            `unknown key "${key}"${typeSuffix(root, path)}${hint ? ` (did you mean "${hint}"?)` : ""}` +
            `: remove it`,
        });
      }
      return;
    }
    case "custom":
      out.push({
        path,
        code: issue.params?.missing ? "missing_field" : "invalid",
        message: issue.message,
      });
      return;
    default:
      out.push({ path, code: "invalid", message: `${fieldLabel(path)}: ${issue.message}` });
  }
}

function discriminatorFinding(issue: SchemaIssue, root: unknown, path: PathSegment[]): Finding {
  const objPath = path.slice(0, -1);
  const options = (issue.options ?? []).map(String);
  const obj = valueAt(root, objPath);
  const type = isPlainObject(obj) ? obj.type : undefined;
  const where = fieldLabel(objPath);
  const expected = options.length === 1 ? options[0] : `one of ${listOptions(options)}`;
  if (type === undefined) {
    return {
      path: objPath,
      code: "missing_type",
      message: `missing "type" for ${where}: add type: ${
        options.length === 1 ? options[0] : `(${expected})`
      }`,
    };
  }
  if (typeof type !== "string") {
    return { path, code: "invalid_type", message: `"type" of ${where} must be a string: ${expected}` };
  }
  if (COMPONENT_TYPES.includes(type)) {
    return {
      path,
      code: "unknown_type",
      message: `component type "${type}" is not accepted for ${where}; expected ${expected}`,
    };
  }
  const hint = didYouMean(type, options) ?? didYouMean(type, COMPONENT_TYPES);
  return {
    path,
    code: "unknown_type",
    message: `unknown component type "${type}"${
      hint ? ` (did you mean "${hint}"?)` : ""
    }; ${where} expects ${expected}`,
  };
}
