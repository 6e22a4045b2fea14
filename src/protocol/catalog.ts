/**
 * Configured catalog parsing (`--catalog`): checks the fields the read loop relies on and reports each
 * problem with its JSON path, so a broken catalog fails before any request is made.
 * @module
 */
import { SpoutError } from "../errors.ts";
import type { SyncMode } from "../source/types.ts";
import { isObject } from "../types.ts";
import type { JsonSchema } from "../types.ts";
import type {
  AirbyteStream,
  ConfiguredAirbyteCatalog,
  ConfiguredAirbyteStream,
  DestinationSyncMode,
} from "./messages.ts";

const SYNC_MODES: ReadonlySet<string> = new Set(["full_refresh", "incremental"]);
const DESTINATION_SYNC_MODES: ReadonlySet<string> = new Set([
  "append",
  "overwrite",
  "append_dedup",
  "update",
  "soft_delete",
]);

function fail(path: string, problem: string): never {
  throw new SpoutError("config_error", `invalid catalog: ${path} ${problem}: fix the catalog file and retry`);
}

function stringList(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || !value.every((part) => typeof part === "string")) {
    fail(path, "must be a list of strings");
  }
  return [...value];
}

function keyList(value: unknown, path: string): string[][] {
  if (!Array.isArray(value)) fail(path, "must be a list of field paths (lists of strings)");
  return value.map((item, i) => stringList(item, `${path}[${i}]`));
}

function parseStream(value: unknown, path: string): AirbyteStream {
  if (!isObject(value)) fail(path, "must be an object");
  if (typeof value.name !== "string" || value.name === "") fail(`${path}.name`, "must be a non-empty string");
  const stream: AirbyteStream = {
    name: value.name,
    json_schema: isObject(value.json_schema) ? value.json_schema as JsonSchema : {},
    supported_sync_modes: [],
  };
  if (value.supported_sync_modes !== undefined && value.supported_sync_modes !== null) {
    const modes = stringList(value.supported_sync_modes, `${path}.supported_sync_modes`);
    for (const mode of modes) {
      if (!SYNC_MODES.has(mode)) fail(`${path}.supported_sync_modes`, `has unknown sync mode "${mode}"`);
    }
    stream.supported_sync_modes = modes as SyncMode[];
  }
  if (value.namespace !== undefined && value.namespace !== null) {
    if (typeof value.namespace !== "string") fail(`${path}.namespace`, "must be a string");
    stream.namespace = value.namespace;
  }
  if (typeof value.source_defined_cursor === "boolean") {
    stream.source_defined_cursor = value.source_defined_cursor;
  }
  if (value.default_cursor_field !== undefined && value.default_cursor_field !== null) {
    stream.default_cursor_field = stringList(value.default_cursor_field, `${path}.default_cursor_field`);
  }
  if (value.source_defined_primary_key !== undefined && value.source_defined_primary_key !== null) {
    stream.source_defined_primary_key = keyList(
      value.source_defined_primary_key,
      `${path}.source_defined_primary_key`,
    );
  }
  if (typeof value.is_resumable === "boolean") stream.is_resumable = value.is_resumable;
  return stream;
}

function parseConfiguredStream(value: unknown, path: string): ConfiguredAirbyteStream {
  if (!isObject(value)) fail(path, "must be an object");
  const stream = parseStream(value.stream, `${path}.stream`);
  const syncMode = value.sync_mode;
  if (typeof syncMode !== "string" || !SYNC_MODES.has(syncMode)) {
    fail(`${path}.sync_mode`, 'must be "full_refresh" or "incremental"');
  }
  const destinationSyncMode = value.destination_sync_mode ?? "append";
  if (typeof destinationSyncMode !== "string" || !DESTINATION_SYNC_MODES.has(destinationSyncMode)) {
    fail(`${path}.destination_sync_mode`, `must be one of ${[...DESTINATION_SYNC_MODES].join(", ")}`);
  }
  const configured: ConfiguredAirbyteStream = {
    stream,
    sync_mode: syncMode as SyncMode,
    destination_sync_mode: destinationSyncMode as DestinationSyncMode,
  };
  if (value.cursor_field !== undefined && value.cursor_field !== null) {
    configured.cursor_field = stringList(value.cursor_field, `${path}.cursor_field`);
  }
  if (value.primary_key !== undefined && value.primary_key !== null) {
    configured.primary_key = keyList(value.primary_key, `${path}.primary_key`);
  }
  for (const key of ["generation_id", "minimum_generation_id", "sync_id"] as const) {
    const n = value[key];
    if (typeof n === "number") configured[key] = n;
  }
  return configured;
}

/**
 * Validates a parsed configured catalog. Every stream needs `stream.name` and `sync_mode`;
 * `destination_sync_mode` defaults to `append`; a stream listed twice is an error.
 *
 * @example
 * ```ts
 * import { parseConfiguredCatalog } from "./catalog.ts";
 * const catalog = parseConfiguredCatalog({
 *   streams: [{ stream: { name: "users", json_schema: {} }, sync_mode: "full_refresh" }],
 * });
 * if (catalog.streams[0].destination_sync_mode !== "append") throw new Error("default");
 * ```
 */
export function parseConfiguredCatalog(value: unknown): ConfiguredAirbyteCatalog {
  if (!isObject(value)) fail("the document", "must be an object with a `streams` list");
  if (!Array.isArray(value.streams)) fail("streams", "must be a list");
  const streams = value.streams.map((item, i) => parseConfiguredStream(item, `streams[${i}]`));
  const seen = new Set<string>();
  for (const [i, configured] of streams.entries()) {
    const key = `${configured.stream.namespace ?? ""}\u0000${configured.stream.name}`;
    if (seen.has(key)) fail(`streams[${i}].stream.name`, `repeats stream "${configured.stream.name}"`);
    seen.add(key);
  }
  return { streams };
}
