/**
 * Cross-references between the private manifest schemas: every schema is registered by name, and fields
 * refer to others lazily (the component graph is recursive, e.g. a substream's parent is a stream).
 * @module
 */
import { z } from "../../_deps/zod.ts";

const REGISTRY = new Map<string, z.ZodType>();

/** Registers schemas by definition name. */
export function register(schemas: Record<string, z.ZodType>): void {
  for (const [name, schema] of Object.entries(schemas)) REGISTRY.set(name, schema);
}

/** The schema registered under `name` (throws for a name that was never registered: a generator bug). */
export function lookupSchema(name: string): z.ZodType {
  const schema = REGISTRY.get(name);
  if (!schema) throw new Error(`manifest schema ${name} is not registered`);
  return schema;
}

/** A lazy reference to the definition `name`. */
export function ref(name: string): z.ZodType {
  return z.lazy(() => lookupSchema(name));
}

type Discriminable = Parameters<typeof z.discriminatedUnion>[1][number];

/**
 * One of the named components, chosen by its `type` (a discriminated union, so an unknown or missing type
 * is reported once with the accepted types, and a known one reports only its own errors).
 */
export function components(names: readonly string[]): z.ZodType {
  return z.lazy(() => {
    const [first, ...rest] = names.map((n) => lookupSchema(n) as Discriminable);
    return z.discriminatedUnion("type", [first, ...rest]);
  });
}
