/**
 * Dynamic streams: a `stream_template` filled once per value produced by a components resolver
 * (HttpComponentsResolver: records of an API call; ConfigComponentsResolver: items of the config;
 * ParametrizedComponentsResolver: a fixed list), through `components_mapping` definitions.
 * @module
 */
import { parseDocument } from "../../_deps/yaml.ts";
import { SpoutError } from "../../errors.ts";
import { compilePath, getPath, setMatches, setPath } from "../../extract/dpath.ts";
import { pyTruthy } from "../../extract/py_truthy.ts";
import type { ReadContext, StreamSlice } from "../../source/types.ts";
import { isObject, type JsonObject } from "../../types.ts";
import { propagateTypesAndParameters } from "../parameters.ts";
import { type Component, type ComponentPath, type FactoryContext, interpolated, invalid } from "./context.ts";
import { sliceView } from "./slices.ts";
import { buildParentReader } from "./stream.ts";

/** A generated stream component and where its template lives. */
export interface GeneratedStream {
  /** The filled-in stream component. */
  component: Component;
  /** Path of the template (for errors). */
  path: ComponentPath;
}

interface Mapping {
  fieldPath: ReturnType<typeof interpolated>[];
  value: ReturnType<typeof interpolated>;
  valueType?: string;
  condition?: ReturnType<typeof interpolated>;
  createOrUpdate: boolean;
}

function compileMappings(ctx: FactoryContext, list: unknown, path: ComponentPath): Mapping[] {
  if (!Array.isArray(list)) return [];
  return list.map((m, i) => {
    const at = [...path, i];
    if (!isObject(m)) return invalid(ctx, at, "expected a ComponentMappingDefinition");
    const fp = Array.isArray(m.field_path) ? m.field_path : [];
    return {
      fieldPath: fp.map((p, j) => interpolated(ctx, p, {}, [...at, "field_path", j])),
      value: interpolated(ctx, m.value, {}, [...at, "value"]),
      valueType: typeof m.value_type === "string" ? m.value_type : undefined,
      condition: typeof m.condition === "string" && m.condition !== ""
        ? interpolated(ctx, m.condition, {}, [...at, "condition"], { kind: "boolean" })
        : undefined,
      createOrUpdate: m.create_or_update === true,
    };
  });
}

function parseYamlIfPossible(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    const doc = parseDocument(value, { uniqueKeys: false });
    if (doc.errors.length > 0) return value;
    return doc.toJS();
  } catch {
    return value;
  }
}

function typed(value: unknown, valueType: string | undefined, mapping: Mapping, vars: JsonObject): unknown {
  if (valueType === "string") return mapping.value.render(vars);
  return value;
}

function apply(
  template: Component,
  mappings: Mapping[],
  vars: { [key: string]: unknown },
  parseYaml: boolean,
): Component {
  const out = structuredClone(template);
  for (const m of mappings) {
    if (m.condition && !pyTruthy(m.condition.eval(vars))) continue;
    let value = typed(m.value.eval(vars), m.valueType, m, vars as JsonObject);
    if (parseYaml && m.valueType !== "string") value = parseYamlIfPossible(value);
    const path = m.fieldPath.map((p) => p.render(vars));
    if (path.length === 0) continue;
    const compiled = compilePath(path);
    if (compiled.hasGlob) {
      // dpath.set with a glob: every existing node that matches gets the value (never created)
      setMatches(out, compiled, value);
      continue;
    }
    const exists = getPath(out, compiled) !== undefined;
    if (exists || (m.createOrUpdate && pyTruthy(value))) setPath(out, compiled, value);
  }
  return out;
}

function finish(component: Component, useParentParameters: boolean): Component {
  const out = propagateTypesAndParameters("", component, {}, useParentParameters);
  if (!Object.hasOwn(out, "type")) out.type = "DeclarativeStream";
  return out;
}

async function resolveOne(
  ctx: FactoryContext,
  definition: Component,
  path: ComponentPath,
  read: ReadContext,
): Promise<GeneratedStream[]> {
  const resolver = definition.components_resolver;
  const template = definition.stream_template;
  if (!isObject(resolver)) {
    return invalid(ctx, [...path, "components_resolver"], "missing components_resolver");
  }
  if (!isObject(template)) return invalid(ctx, [...path, "stream_template"], "missing stream_template");
  const rpath = [...path, "components_resolver"];
  const mappings = compileMappings(ctx, resolver.components_mapping, [...rpath, "components_mapping"]);
  const useParent = definition.use_parent_parameters !== false;
  const out: GeneratedStream[] = [];
  const at = [...path, "stream_template"];
  switch (resolver.type) {
    case "HttpComponentsResolver": {
      if (!isObject(resolver.retriever)) return invalid(ctx, [...rpath, "retriever"], "missing retriever");
      const name = String(definition.name ?? "dynamic_stream");
      const reader = buildParentReader(ctx, {
        type: "DeclarativeStream",
        name,
        retriever: resolver.retriever,
        schema_loader: { type: "InlineSchemaLoader", schema: {} },
      }, [...rpath, "retriever"]);
      for await (const { record, slice } of reader.read({ ctx: read, stream: name }, undefined, false)) {
        const view = sliceView(slice as StreamSlice);
        const vars = {
          components_values: record,
          stream_slice: view,
          stream_partition: view,
          stream_template_config: template,
        };
        out.push({ component: finish(apply(template, mappings, vars, false), useParent), path: at });
      }
      return out;
    }
    case "ConfigComponentsResolver": {
      const configs = Array.isArray(resolver.stream_config)
        ? resolver.stream_config
        : [resolver.stream_config];
      let combos: [number, unknown][][] = [[]];
      configs.forEach((sc, i) => {
        if (!isObject(sc)) return;
        const pointer = (Array.isArray(sc.configs_pointer) ? sc.configs_pointer : []).map((p, j) =>
          interpolated(ctx, p, {}, [...rpath, "stream_config", i, "configs_pointer", j]).render({})
        );
        const raw = getPath(ctx.config, pointer, []);
        const items = Array.isArray(raw) ? [...raw] : [raw];
        if (Array.isArray(sc.default_values)) items.push(...sc.default_values);
        combos = combos.flatMap((c) =>
          items.map((item, index): [number, unknown][] => [...c, [index, item]])
        );
      });
      for (const combo of combos) {
        const values = mergeCombination(combo);
        const vars = { components_values: values, stream_template_config: template };
        out.push({ component: finish(apply(template, mappings, vars, true), useParent), path: at });
      }
      return out;
    }
    case "ParametrizedComponentsResolver": {
      const params = isObject(resolver.stream_parameters) ? resolver.stream_parameters : {};
      const list = Array.isArray(params.list_of_parameters_for_stream)
        ? params.list_of_parameters_for_stream
        : [];
      for (const values of list) {
        const vars = { components_values: values, stream_template_config: template };
        out.push({ component: finish(apply(template, mappings, vars, true), useParent), path: at });
      }
      return out;
    }
    default:
      throw new SpoutError(
        "manifest_unsupported",
        `${rpath.join(".")}: components resolver ${String(resolver.type)} is not supported`,
      );
  }
}

/**
 * One combination of config items as the reference merges it: object items are merged key by key; any other
 * item is kept (first one wins) as `source_config_<config index>: [item index, item]`.
 */
function mergeCombination(combo: [number, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  combo.forEach(([index, item], configIndex) => {
    if (isObject(item)) {
      for (const [key, value] of Object.entries(item)) {
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      }
    } else if (!Object.hasOwn(out, `source_config_${configIndex}`)) {
      out[`source_config_${configIndex}`] = [index, item];
    }
  });
  return out;
}

/** Resolves every dynamic stream definition into stream components. */
export async function buildDynamicStreams(
  ctx: FactoryContext,
  definitions: unknown[],
  read: ReadContext,
): Promise<GeneratedStream[]> {
  const out: GeneratedStream[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < definitions.length; i++) {
    const d = definitions[i];
    if (!isObject(d)) continue;
    for (const g of await resolveOne(ctx, d, ["dynamic_streams", i], read)) {
      const name = String(g.component.name ?? "");
      if (name && seen.has(name)) continue;
      seen.add(name);
      out.push(g);
    }
  }
  return out;
}
