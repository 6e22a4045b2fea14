/**
 * Finds the source a CLI run talks about: `--connector NAME`, `--manifest PATH` (plus `--components`), or
 * the manifest injected in the config under `__injected_declarative_manifest`.
 * @module
 */
import { SpoutError } from "../errors.ts";
import type { Source } from "../source/types.ts";
import { isObject } from "../types.ts";
import type { JsonObject } from "../types.ts";
import type { CliArgs } from "./args.ts";
import type { CliIO } from "./io.ts";

/** Key of the manifest injected into a config (Airbyte's source-declarative-manifest convention). */
export const INJECTED_MANIFEST_KEY = "__injected_declarative_manifest";

/** Reads a file, turning I/O failures into a config error that names the file. */
export async function readInputFile(io: CliIO, path: string, what: string): Promise<string> {
  try {
    return await io.readTextFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SpoutError("config_error", `cannot read the ${what} file ${path}: ${reason}`, { cause: error });
  }
}

/**
 * Reads files next to the manifest (e.g. `schemas/users.json` for JsonFileSchemaLoader). Paths that would
 * leave the manifest's folder resolve to "missing"; so does any read error.
 */
export function siblingReader(
  io: CliIO,
  manifestPath: string,
): (relative: string) => Promise<string | undefined> {
  const slash = manifestPath.lastIndexOf("/");
  const dir = slash >= 0 ? manifestPath.slice(0, slash + 1) : "";
  return async (relative) => {
    const parts = relative.replace(/\\/g, "/").split("/");
    if (relative.startsWith("/") || parts.some((part) => part === ".." || part.includes(":"))) {
      return undefined;
    }
    try {
      return await io.readTextFile(dir + parts.filter((part) => part !== "" && part !== ".").join("/"));
    } catch {
      return undefined;
    }
  };
}

/** Loads the declarative factory on demand (code connectors never pay for it). */
async function declarative(
  manifest: string | Record<string, unknown>,
  options: {
    path?: string;
    components?: Record<string, unknown>;
    readFile?: (path: string) => Promise<string | undefined>;
  },
): Promise<Source> {
  const { createDeclarativeSource } = await import("../declarative/manifest_source.ts");
  return await createDeclarativeSource(manifest, options);
}

async function loadComponents(args: CliArgs, io: CliIO): Promise<Record<string, unknown> | undefined> {
  if (args.components === undefined) return undefined;
  if (!io.importModule) {
    throw new SpoutError("usage_error", "--components is not supported in this runtime");
  }
  try {
    return await io.importModule(args.components);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SpoutError("manifest_invalid", `cannot load components module ${args.components}: ${reason}`, {
      cause: error,
    });
  }
}

/**
 * Returns the source selected by the arguments (else the program's embedded source, else the config's
 * injected manifest), or undefined when nothing selects one.
 */
export async function loadSource(
  args: CliArgs,
  config: JsonObject | undefined,
  io: CliIO,
): Promise<Source | undefined> {
  if (args.connector !== undefined) {
    const registry = io.loadConnectors ? await io.loadConnectors() : {};
    const factory = Object.hasOwn(registry, args.connector) ? registry[args.connector] : undefined;
    if (!factory) {
      const names = Object.keys(registry).sort();
      const known = names.length > 0 ? `available: ${names.join(", ")}` : "no code connectors are available";
      throw new SpoutError("usage_error", `unknown connector "${args.connector}" (${known})`);
    }
    return factory();
  }
  if (args.manifest !== undefined) {
    const text = await readInputFile(io, args.manifest, "manifest");
    const components = await loadComponents(args, io);
    return await declarative(text, {
      path: args.manifest,
      components,
      readFile: siblingReader(io, args.manifest),
    });
  }
  if (io.embedded) {
    if (args.components !== undefined) {
      throw new SpoutError(
        "usage_error",
        "--components needs --manifest in a program with a built-in source",
      );
    }
    return await io.embedded();
  }
  const injected = config?.[INJECTED_MANIFEST_KEY];
  if (injected !== undefined) {
    if (!isObject(injected)) {
      throw new SpoutError(
        "config_error",
        `config.${INJECTED_MANIFEST_KEY} must be a manifest object (or pass --manifest PATH)`,
      );
    }
    const components = await loadComponents(args, io);
    return await declarative(injected, { components });
  }
  if (args.components !== undefined) throw new SpoutError("usage_error", "--components needs a manifest");
  return undefined;
}

/** The spec printed by `spout spec` when no manifest or connector is given (the generic low-code source). */
export const GENERIC_SPEC: { connectionSpecification: JsonObject; documentationUrl: string } = {
  documentationUrl: "https://docs.airbyte.com/integrations/sources/low-code",
  connectionSpecification: {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Declarative manifest source",
    type: "object",
    required: [INJECTED_MANIFEST_KEY],
    additionalProperties: true,
    properties: {
      [INJECTED_MANIFEST_KEY]: {
        title: "Manifest",
        type: "object",
        description:
          "An Airbyte low-code manifest (the YAML document as a JSON object) defining the streams.",
      },
    },
  },
};
