/**
 * Manifest validation as the reference does it (schema check of the resolved manifest), plus what spout
 * needs to know before running one: Python custom components, deprecations, typos, version. Every finding
 * carries its JSON path and, for YAML text, its `line:col`.
 * @module
 */
import { SpoutError } from "../errors.ts";
import { type LoadedManifest, loadManifest } from "./load_manifest.ts";
import { formatLocation, formatPath, type PathSegment, type PositionLookup } from "./positions.ts";
import { type ResolvedManifest, resolveManifest } from "./resolve_manifest.ts";
import { checkManifest, checkVersion } from "./validate_checks.ts";
import { type Finding, issuesToFindings, type SchemaIssue } from "./validate_issues.ts";
import { manifestSchema } from "./_schema/mod.ts";

/** One validation error or warning. */
export interface ValidationIssue {
  /** JSON path of the node concerned in the resolved manifest (for a missing field: its component). */
  path: PathSegment[];
  /** 1-based line in the manifest text, when known. */
  line?: number;
  /** 1-based column, when known. */
  col?: number;
  /** What is wrong and what to do (starts with the component path when there is one). */
  message: string;
  /** Stable kind: yaml, reference, version, unknown_type, missing_type, unknown_key, missing_field,
   * invalid_type, invalid_value, custom_component, deprecated, duplicate_key, invalid. */
  code: string;
}

/** The outcome of {@link validateManifest}. */
export interface ValidationResult {
  /** True when there is no error (warnings allowed). */
  ok: boolean;
  /** Errors, custom components first, then in document order. */
  errors: ValidationIssue[];
  /** Warnings (deprecations, duplicate keys, likely typos in ignored keys, unknown versions). */
  warnings: ValidationIssue[];
}

/** Options for {@link validateManifest}. */
export interface ValidateOptions {
  /** File path, for locations. */
  path?: string;
  /** `class_name`s of custom components that have TypeScript implementations. */
  knownCustomClasses?: ReadonlySet<string>;
}

/**
 * Validates a manifest given as YAML text, an already-parsed object, or an already resolved manifest.
 *
 * @example
 * ```ts
 * import { validateManifest } from "./validate.ts";
 * const result = validateManifest("version: 6.0.0\ncheck: {stream_names: [a]}\nstreams:\n  - type: DeclarativeStreem\n", {
 *   path: "m.yaml",
 * });
 * const [error] = result.errors;
 * if (result.ok || error.line !== 4 || !error.message.includes('did you mean "DeclarativeStream"')) {
 *   throw new Error(JSON.stringify(result.errors));
 * }
 * ```
 */
export function validateManifest(
  input: string | Record<string, unknown> | ResolvedManifest,
  options: ValidateOptions = {},
): ValidationResult {
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  let resolved: ResolvedManifest;
  if (isResolved(input)) {
    resolved = input;
  } else {
    let loaded: LoadedManifest;
    try {
      loaded = loadManifest(input, { path: options.path });
    } catch (error) {
      return { ok: false, errors: [fromError(error, "yaml", options.path)], warnings };
    }
    for (const w of loaded.warnings) {
      warnings.push({ path: [...w.path], ...w.pos, message: w.message, code: "duplicate_key" });
    }
    try {
      resolved = resolveManifest(loaded);
    } catch (error) {
      return { ok: false, errors: [fromError(error, "reference", options.path)], warnings };
    }
  }
  const value = resolved.value;
  const findings: { errors: Finding[]; warnings: Finding[] } = { errors: [], warnings: [] };

  const version = checkVersion(value.version);
  if (version.error) findings.errors.push({ path: ["version"], code: "version", message: version.error });
  if (version.warning) {
    findings.warnings.push({ path: ["version"], code: "version", message: version.warning });
  }

  const checks = checkManifest(value, { knownCustomClasses: options.knownCustomClasses });
  findings.errors.push(...checks.errors);
  findings.warnings.push(...checks.warnings);

  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const schemaFindings = issuesToFindings(parsed.error.issues as unknown as SchemaIssue[], value);
    const insideCustom = (p: PathSegment[]) =>
      checks.customPaths.some((c) => c.length <= p.length && c.every((seg, i) => p[i] === seg));
    findings.errors.push(...schemaFindings.filter((f) => !insideCustom(f.path)));
  }

  if (findings.errors.length === 0 && findings.warnings.length === 0) {
    return { ok: errors.length === 0, errors, warnings };
  }
  const positions = resolved.positions;
  errors.push(...locate(findings.errors, positions));
  warnings.push(...locate(findings.warnings, positions));
  const customFirst = (i: ValidationIssue) => (i.code === "custom_component" ? 0 : 1);
  errors.sort((a, b) => customFirst(a) - customFirst(b) || byPosition(a, b));
  warnings.sort(byPosition);
  return { ok: errors.length === 0, errors, warnings };
}

/**
 * Validates a manifest and throws when it has errors: `SpoutError("manifest_unsupported")` when the first
 * error is a Python custom component, else `SpoutError("manifest_invalid")`; the message holds up to five
 * `file:line:col: …` lines. Returns the warnings. For the factory, before it builds anything.
 *
 * @example
 * ```ts
 * import { assertValidManifest } from "./validate.ts";
 * import { resolveManifest } from "./resolve_manifest.ts";
 * let code = "";
 * try {
 *   assertValidManifest(resolveManifest("version: 6.0.0\nstreams: []\n", { path: "m.yaml" }));
 * } catch (e) {
 *   code = (e as { code: string }).code;
 * }
 * if (code !== "manifest_invalid") throw new Error("expected an error");
 * ```
 */
export function assertValidManifest(
  input: string | Record<string, unknown> | ResolvedManifest,
  options: ValidateOptions = {},
): ValidationIssue[] {
  const result = validateManifest(input, options);
  if (result.ok) return result.warnings;
  const file = options.path ?? (isResolved(input) ? input.path : undefined) ?? "manifest";
  const code = result.errors[0].code === "custom_component" ? "manifest_unsupported" : "manifest_invalid";
  throw new SpoutError(code, formatValidation(file, result, { maxErrors: 5 }).join("\n"), {
    details: { errors: result.errors.slice(0, 20) },
  });
}

function byPosition(a: ValidationIssue, b: ValidationIssue): number {
  return (a.line ?? Infinity) - (b.line ?? Infinity) || (a.col ?? 0) - (b.col ?? 0);
}

function locate(findings: Finding[], positions: PositionLookup): ValidationIssue[] {
  const seen = new Set<string>();
  const groups = new Map<string, { issue: ValidationIssue; others: number[] }>();
  const out: ValidationIssue[] = [];
  for (const f of findings) {
    const pos = (f.locateKey ? positions.getKey(f.locateKey) : undefined) ??
      (f.atKey ? positions.nearestKey(f.path) : positions.nearest(f.path));
    // a definition used in several places is reported once, where it is written
    const key = `${pos?.line}:${pos?.col}:${f.code}:${f.message}`;
    if (pos && seen.has(key)) continue;
    seen.add(key);
    const group = f.group ? groups.get(f.group) : undefined;
    if (group) {
      if (pos) group.others.push(pos.line);
      continue;
    }
    const where = f.path.length > 0 ? `${formatPath(f.path)}: ` : "";
    const issue: ValidationIssue = { path: f.path, ...pos, message: where + f.message, code: f.code };
    if (f.group) groups.set(f.group, { issue, others: [] });
    out.push(issue);
  }
  for (const { issue, others } of groups.values()) {
    if (others.length === 0) continue;
    const lines = [...new Set(others)].sort((a, b) => a - b);
    const shown = lines.slice(0, 8).join(", ") + (lines.length > 8 ? ", …" : "");
    issue.message += ` (also used at line${lines.length > 1 ? "s" : ""} ${shown})`;
  }
  return out;
}

function fromError(error: unknown, code: string, file: string | undefined): ValidationIssue {
  if (!(error instanceof SpoutError)) throw error;
  const d = error.details ?? {};
  const line = typeof d.line === "number" ? d.line : undefined;
  const col = typeof d.col === "number" ? d.col : undefined;
  const path = Array.isArray(d.path) ? (d.path as PathSegment[]) : [];
  let message = error.message;
  for (const prefix of [formatLocation(file, line ? { line, col: col ?? 1 } : undefined), file ?? ""]) {
    if (prefix && message.startsWith(`${prefix}: `)) {
      message = message.slice(prefix.length + 2);
      break;
    }
  }
  return { path, line, col, message, code };
}

function isResolved(input: unknown): input is ResolvedManifest {
  return typeof input === "object" && input !== null && "loaded" in input && "positions" in input;
}

/**
 * Formats one file's result: `PATH: ok`, or one line per error `PATH:LINE:COL: message` (`PATH: message`
 * when the position is unknown). With `warnings`, warning lines (`PATH:LINE:COL: warning: …`) follow.
 *
 * @example
 * ```ts
 * import { formatValidation } from "./validate.ts";
 * const lines = formatValidation("m.yaml", {
 *   ok: false,
 *   errors: [{ path: ["streams"], line: 3, col: 1, message: "boom", code: "invalid" }],
 *   warnings: [],
 * });
 * if (lines[0] !== "m.yaml:3:1: boom") throw new Error(lines[0]);
 * ```
 */
export function formatValidation(
  path: string,
  result: ValidationResult,
  options: { warnings?: boolean; maxErrors?: number } = {},
): string[] {
  const at = (i: ValidationIssue) => i.line !== undefined ? `${path}:${i.line}:${i.col ?? 1}: ` : `${path}: `;
  const lines: string[] = [];
  if (result.ok) lines.push(`${path}: ok`);
  const max = options.maxErrors ?? 20;
  for (const e of result.errors.slice(0, max)) lines.push(at(e) + e.message);
  if (result.errors.length > max) lines.push(`${path}: … and ${result.errors.length - max} more errors`);
  if (options.warnings) { for (const w of result.warnings) lines.push(`${at(w)}warning: ${w.message}`); }
  return lines;
}

/**
 * The `spout validate PATH…` command: validates each file and returns the lines to print and whether every
 * file is valid (exit 0 only then).
 *
 * @example
 * ```ts
 * import { runValidate } from "./validate.ts";
 * const files: Record<string, string> = { "bad.yaml": "version: 6.0.0\nstreams: 3\n" };
 * const out = await runValidate(["bad.yaml"], (p) => Promise.resolve(files[p]));
 * if (out.ok || !out.lines[0].startsWith("bad.yaml:")) throw new Error(out.lines.join("\n"));
 * ```
 */
export async function runValidate(
  paths: string[],
  readText: (path: string) => Promise<string>,
  options: { knownCustomClasses?: ReadonlySet<string>; warnings?: boolean } = {},
): Promise<{ lines: string[]; ok: boolean }> {
  const lines: string[] = [];
  let ok = true;
  for (const path of paths) {
    let text: string;
    try {
      text = await readText(path);
    } catch (error) {
      ok = false;
      lines.push(`${path}: cannot read the file: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const result = validateManifest(text, { path, knownCustomClasses: options.knownCustomClasses });
    if (!result.ok) ok = false;
    lines.push(...formatValidation(path, result, { warnings: options.warnings }));
  }
  return { lines, ok };
}
