/**
 * Config normalisation (`config_normalization_rules`): config migrations (ConfigMigration) and
 * transformations (ConfigAddFields, ConfigRemapField, ConfigRemoveFields, CustomConfigTransformation) applied
 * to a copy of the user's config before any stream is built, then the validations (config_validations.ts),
 * like the reference.
 * @module
 */
import { deletePath, setPath } from "../../extract/dpath.ts";
import { isObject, type JsonObject } from "../../types.ts";
import { conditionHolds } from "../interpolation/interpolated.ts";
import {
  type ComponentPath,
  type FactoryContext,
  type Interpolated,
  interpolated,
  invalid,
} from "./context.ts";
import type { ValidType } from "./templates.ts";
import { applyCustomConfigTransformation, isCustomComponent } from "../components_factory.ts";
import { validateConfig } from "./config_validations.ts";

/** Python types of an AddedFieldDefinition's `value_type`. */
const VALUE_TYPES: Record<string, ValidType> = {
  string: "str",
  integer: "int",
  number: "float",
  boolean: "bool",
};

/** A compiled `condition` (InterpolatedBoolean, default False), or undefined when none is set. */
function compileCondition(
  ctx: FactoryContext,
  condition: unknown,
  path: ComponentPath,
): Interpolated | undefined {
  return typeof condition === "string" && condition !== ""
    ? interpolated(ctx, condition, {}, path, { kind: "boolean" })
    : undefined;
}

/**
 * ConfigRemapField's map after the reference's InterpolatedMapping: keys are evaluated as strings (a key that
 * renders empty is None), string values are evaluated (None when empty), other values are kept as they are.
 */
function evaluateRemap(
  ctx: FactoryContext,
  map: unknown,
  path: ComponentPath,
): Map<string | null, unknown> | undefined {
  const mapping = typeof map === "string" ? interpolated(ctx, map, {}, path).eval({}) : map;
  if (!isObject(mapping)) return undefined;
  const out = new Map<string | null, unknown>();
  for (const [name, value] of Object.entries(mapping)) {
    const key = interpolated(ctx, name, {}, [...path, name], { kind: "mapping" }).eval({}, ["str"]);
    const mapped = typeof value === "string"
      ? interpolated(ctx, value, {}, [...path, name], { kind: "mapping" }).eval({})
      : value;
    out.set(typeof key === "string" ? key : null, mapped === undefined ? null : mapped);
  }
  return out;
}

function transform(ctx: FactoryContext, config: JsonObject, component: unknown, path: ComponentPath): void {
  if (!isObject(component)) return;
  const withConfig = { ...ctx, config } as FactoryContext;
  if (isCustomComponent(component)) {
    return applyCustomConfigTransformation(withConfig, config, component, path);
  }
  switch (component.type) {
    case "ConfigAddFields": {
      const condition = compileCondition(withConfig, component.condition, [...path, "condition"]);
      const fields = Array.isArray(component.fields) ? component.fields : [];
      fields.forEach((field, i) => {
        if (!isObject(field) || !Array.isArray(field.path) || field.path.length === 0) {
          invalid(ctx, [...path, "fields", i], "ConfigAddFields needs a non-empty path");
        }
        const type = typeof field.value_type === "string" ? VALUE_TYPES[field.value_type] : undefined;
        const value = interpolated(withConfig, field.value, {}, [...path, "fields", i, "value"])
          .eval({}, type ? [type] : undefined);
        if (!condition || conditionHolds(condition.eval({ value, path: field.path }))) {
          setPath(config, field.path.map(String), value);
        }
      });
      return;
    }
    case "ConfigRemapField": {
      // Path components are InterpolatedStrings (literal-evaluated): one that is not a string matches no key.
      const fieldPath = (Array.isArray(component.field_path) ? component.field_path : []).map((p, i) =>
        interpolated(withConfig, p, {}, [...path, "field_path", i]).eval({})
      );
      if (fieldPath.length === 0) return;
      let current: unknown = config;
      for (const key of fieldPath.slice(0, -1)) {
        if (!isObject(current) || typeof key !== "string" || !Object.hasOwn(current, key)) return;
        current = current[key];
      }
      const last = fieldPath[fieldPath.length - 1];
      if (!isObject(current) || typeof last !== "string" || !Object.hasOwn(current, last)) return;
      const mapping = evaluateRemap(withConfig, component.map, [...path, "map"]);
      // Python's `value in mapping`: the evaluated keys are strings (or None), so only those values match.
      const value = current[last];
      if (mapping && (typeof value === "string" || value === null) && mapping.has(value)) {
        current[last] = mapping.get(value) as JsonObject[string];
      }
      return;
    }
    case "ConfigRemoveFields": {
      const condition = compileCondition(withConfig, component.condition, [...path, "condition"]);
      if (condition && !conditionHolds(condition.eval({}))) return;
      const pointers = Array.isArray(component.field_pointers) ? component.field_pointers : [];
      for (const pointer of pointers) {
        if (Array.isArray(pointer)) deletePath(config, pointer.map(String));
      }
      return;
    }
    default:
      invalid(ctx, path, `config transformation ${String(component.type)} is not supported`);
  }
}

function applyMigrations(ctx: FactoryContext, config: JsonObject, rules: Record<string, unknown>): void {
  const migrations = Array.isArray(rules.config_migrations) ? rules.config_migrations : [];
  migrations.forEach((migration, m) => {
    if (!isObject(migration)) return;
    const list = Array.isArray(migration.transformations) ? migration.transformations : [];
    list.forEach((t, i) =>
      transform(ctx, config, t, ["config_normalization_rules", "config_migrations", m, "transformations", i])
    );
  });
}

/** The manifest's config_normalization_rules: under `spec` in the schema (and the corpus), or top-level. */
function normalizationRules(manifest: Record<string, unknown>): unknown {
  const spec = isObject(manifest.spec) ? manifest.spec : {};
  return manifest.config_normalization_rules ?? spec.config_normalization_rules;
}

/**
 * Applies the manifest's config migrations and transformations to a copy of `config`.
 *
 * @example
 * ```ts
 * import { normalizeConfig } from "./config_migrations.ts";
 * const manifest = {
 *   config_normalization_rules: {
 *     config_migrations: [{ transformations: [{ type: "ConfigRemapField", field_path: ["region"], map: { eu: "EU" } }] }],
 *   },
 * };
 * const out = normalizeConfig(manifest, { region: "eu" }, { config: {}, components: {}, streamCache: new Map() });
 * if (out.region !== "EU") throw new Error(JSON.stringify(out));
 * ```
 */
export function normalizeConfig(
  manifest: Record<string, unknown>,
  config: JsonObject,
  ctx: FactoryContext,
): JsonObject {
  const rules = normalizationRules(manifest);
  if (!isObject(rules)) return config;
  const out = structuredClone(config);
  applyMigrations(ctx, out, rules);
  const transformations = Array.isArray(rules.transformations) ? rules.transformations : [];
  transformations.forEach((t, i) =>
    transform(ctx, out, t, ["config_normalization_rules", "transformations", i])
  );
  validateConfig(ctx, out, rules.validations, ["config_normalization_rules", "validations"]);
  return out;
}

/**
 * The config after the manifest's `config_migrations` only (no transformations, no validation): what the
 * reference persists and announces in a CONTROL connectorConfig message when it differs from the input.
 *
 * @example
 * ```ts
 * import { migrateConfig } from "./config_migrations.ts";
 * const manifest = {
 *   spec: {
 *     config_normalization_rules: {
 *       config_migrations: [{ type: "ConfigMigration", transformations: [{ type: "ConfigRemoveFields", field_pointers: [["old"]] }] }],
 *       transformations: [{ type: "ConfigAddFields", fields: [{ path: ["derived"], value: "x" }] }],
 *     },
 *   },
 * };
 * const out = migrateConfig(manifest, { old: 1, keep: 2 }, { config: {}, components: {}, streamCache: new Map() });
 * if (JSON.stringify(out) !== '{"keep":2}') throw new Error(JSON.stringify(out));
 * ```
 */
export function migrateConfig(
  manifest: Record<string, unknown>,
  config: JsonObject,
  ctx: FactoryContext,
): JsonObject {
  const rules = normalizationRules(manifest);
  if (!isObject(rules) || !Array.isArray(rules.config_migrations)) return config;
  const out = structuredClone(config);
  applyMigrations(ctx, out, rules);
  return out;
}
