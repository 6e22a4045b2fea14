/**
 * Checks beyond the schema: Python custom components (spout needs a TypeScript implementation), deprecated
 * components and fields, likely-typo keys on components that would otherwise be silently ignored, and the
 * manifest version.
 * @module
 */
import type { PathSegment } from "./positions.ts";
import { isPlainObject } from "./resolve_refs.ts";
import { didYouMean } from "./suggest.ts";
import { DEFINITION_BY_TYPE, type Finding } from "./validate_issues.ts";
import { DEFINITIONS } from "./_schema/mod.ts";

/** Manifest versions spout knows: majors 0 to 7 (0.29 and later, as the reference requires). */
export const SUPPORTED_MAJOR_VERSIONS = { min: 0, max: 7 } as const;

/** Findings of {@link checkManifest}. */
export interface CheckFindings {
  errors: Finding[];
  warnings: Finding[];
  /** Paths of custom components reported (schema issues at or below their `type` are redundant). */
  customPaths: PathSegment[][];
}

/** Options for {@link checkManifest}. */
export interface CheckOptions {
  /** Custom `class_name`s that have TypeScript implementations. */
  knownCustomClasses?: ReadonlySet<string>;
}

const DEPRECATED_BY_TYPE = new Map<string, { component?: string; fields?: Readonly<Record<string, string>> }>(
  Object.values(DEFINITIONS).flatMap((d) =>
    d.type && (d.deprecated || d.deprecatedFields)
      ? [[d.type, { component: d.deprecated, fields: d.deprecatedFields }]]
      : []
  ),
);

/**
 * Walks a resolved manifest for custom components, deprecations and likely-typo keys.
 *
 * @example
 * ```ts
 * import { checkManifest } from "./validate_checks.ts";
 * const found = checkManifest({
 *   streams: [{ type: "DeclarativeStream", transformations: [{ type: "CustomTransformation", class_name: "source_x.components.T" }] }],
 * });
 * if (!found.errors[0].message.includes("source_x.components.T")) throw new Error("custom class not reported");
 * ```
 */
export function checkManifest(manifest: Record<string, unknown>, options: CheckOptions = {}): CheckFindings {
  const result: CheckFindings = { errors: [], warnings: [], customPaths: [] };
  const known = options.knownCustomClasses;
  const path: PathSegment[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        path.push(i);
        visit(item);
        path.pop();
      });
      return;
    }
    if (!isPlainObject(node)) return;
    const type = node.type;
    const className = node.class_name;
    if (
      typeof className === "string" &&
      (type === undefined || (typeof type === "string" && type.startsWith("Custom")))
    ) {
      result.customPaths.push([...path]);
      if (!known?.has(className)) {
        const what = typeof type === "string" ? type : "custom component";
        result.errors.push({
          path: [...path],
          code: "custom_component",
          group: `custom:${className}`,
          locateKey: [...path, "class_name"],
          message:
            `${what} uses the Python class "${className}", which spout cannot run: write a TypeScript ` +
            `implementation and register it with --components`,
        });
      }
    }
    if (typeof type === "string") componentChecks(node, type, path, result.warnings);
    for (const key of Object.keys(node)) {
      if (key === "$parameters" || (key === "schema" && type === "InlineSchemaLoader")) continue;
      // like the reference, `definitions` are only a source of references: what is used is checked where used
      if (path.length === 0 && key === "definitions") continue;
      path.push(key);
      visit(node[key]);
      path.pop();
    }
  };
  visit(manifest);
  return result;
}

function componentChecks(
  node: Record<string, unknown>,
  type: string,
  path: PathSegment[],
  warnings: Finding[],
) {
  const deprecated = DEPRECATED_BY_TYPE.get(type);
  if (deprecated?.component) {
    warnings.push({
      path: [...path],
      code: "deprecated",
      message: `${type} is deprecated: ${deprecated.component}`,
    });
  }
  const params = isPlainObject(node.$parameters) ? node.$parameters : {};
  for (const [field, message] of Object.entries(deprecated?.fields ?? {})) {
    // a value propagated from `$parameters` (e.g. a stream's `path`) was not written on this component
    const fromParameters = Object.hasOwn(params, field) &&
      JSON.stringify(params[field]) === JSON.stringify(node[field]);
    if (Object.hasOwn(node, field) && !fromParameters) {
      warnings.push({
        path: [...path, field],
        atKey: true,
        code: "deprecated",
        message: `${type}.${field} is deprecated: ${message}`,
      });
    }
  }
  const def = DEFINITION_BY_TYPE.get(type);
  if (!def || def.fields.length === 0) return;
  for (const key of Object.keys(node)) {
    if (def.fields.includes(key) || Object.hasOwn(params, key) || key.length < 4) continue;
    const hint = didYouMean(key, def.fields);
    if (hint && !Object.hasOwn(node, hint)) {
      warnings.push({
        path: [...path, key],
        atKey: true,
        code: "unknown_key",
        message: `unknown key "${key}" on ${type} is ignored (did you mean "${hint}"?)`,
      });
    }
  }
}

/** Checks the manifest `version`: 0.29+ through 7.x are supported; other majors get a warning. */
export function checkVersion(version: unknown): { error?: string; warning?: string } {
  if (version === undefined) return {}; // the schema reports the missing field
  if (typeof version !== "string") return {}; // and its type
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (!m) return { error: `version "${version}" is not a valid version: use the CDK version, e.g. "6.44.0"` };
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major === 0 && minor < 29) {
    return {
      error: `manifest version ${version} predates the 0.29 low-code language, which changed incompatibly: ` +
        `migrate the manifest to a current version`,
    };
  }
  if (major > SUPPORTED_MAJOR_VERSIONS.max) {
    return {
      warning:
        `manifest version ${version} is newer than spout knows (0.29 to ${SUPPORTED_MAJOR_VERSIONS.max}.x): ` +
        `components added since may be rejected`,
    };
  }
  return {};
}
