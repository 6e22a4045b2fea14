/**
 * Input state parsing (`--state`). Accepts every shape Airbyte has used: a list of state messages (STREAM,
 * GLOBAL, LEGACY, or whole `{type: "STATE", state}` messages), one such message, or the legacy
 * `{ stream_name: state }` object. The result answers "what is the `stream_state` of stream X?".
 * @module
 */
import { SpoutError } from "../errors.ts";
import { parseJsonSafe } from "./json.ts";
import { isObject } from "../types.ts";
import type { JsonObject } from "../types.ts";
import type { StreamDescriptor } from "./messages.ts";

/** Parsed input state: per-stream blobs keyed by (name, namespace). */
export interface InputState {
  /** The `stream_state` of a stream, or undefined when none (or an empty one) was given. */
  get(stream: StreamDescriptor): JsonObject | undefined;
  /** Every stream that has a state. */
  streams(): StreamDescriptor[];
  /** A GLOBAL message's `shared_state`, if any. */
  readonly sharedState?: JsonObject;
  /** Which input shape was found (for logs). */
  readonly format: "empty" | "stream" | "global" | "legacy";
}

const STATE_TYPES: ReadonlySet<string> = new Set(["STREAM", "GLOBAL", "LEGACY"]);
const OTHER_MESSAGE_TYPES: ReadonlySet<string> = new Set([
  "RECORD",
  "LOG",
  "TRACE",
  "SPEC",
  "CATALOG",
  "CONNECTION_STATUS",
  "CONTROL",
]);

function fail(path: string, problem: string): never {
  throw new SpoutError(
    "state_invalid",
    `invalid state: ${path} ${problem}: fix the state file or omit --state`,
  );
}

function keyOf(name: string, namespace?: string): string {
  return `${namespace ?? ""}\u0000${name}`;
}

function isStateMessage(value: { [key: string]: unknown }): boolean {
  if (typeof value.type !== "string" || !STATE_TYPES.has(value.type)) return false;
  return isObject(value.stream) || isObject(value.global) || isObject(value.data);
}

function blob(value: unknown, path: string): JsonObject | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) fail(path, "must be an object");
  return value as JsonObject;
}

function descriptorOf(value: unknown, path: string): StreamDescriptor {
  if (!isObject(value) || typeof value.name !== "string" || value.name === "") {
    fail(path, "must be an object with a non-empty `name`");
  }
  if (value.namespace !== undefined && value.namespace !== null && typeof value.namespace !== "string") {
    fail(`${path}.namespace`, "must be a string");
  }
  return typeof value.namespace === "string"
    ? { name: value.name, namespace: value.namespace }
    : { name: value.name };
}

class MapState implements InputState {
  readonly #states = new Map<string, { descriptor: StreamDescriptor; state: JsonObject }>();
  format: InputState["format"] = "empty";
  sharedState?: JsonObject;

  set(descriptor: StreamDescriptor, state: JsonObject | undefined): void {
    if (state === undefined) return;
    this.#states.set(keyOf(descriptor.name, descriptor.namespace), { descriptor, state });
  }

  get(stream: StreamDescriptor): JsonObject | undefined {
    const found = this.#states.get(keyOf(stream.name, stream.namespace));
    if (!found || Object.keys(found.state).length === 0) return undefined;
    return structuredClone(found.state);
  }

  streams(): StreamDescriptor[] {
    return [...this.#states.values()].map((entry) => entry.descriptor);
  }
}

function addMessage(result: MapState, message: { [key: string]: unknown }, path: string): void {
  switch (message.type) {
    case "STREAM": {
      if (!isObject(message.stream)) fail(`${path}.stream`, "must be an object");
      const descriptor = descriptorOf(message.stream.stream_descriptor, `${path}.stream.stream_descriptor`);
      result.set(descriptor, blob(message.stream.stream_state, `${path}.stream.stream_state`));
      result.format = "stream";
      return;
    }
    case "GLOBAL": {
      const global = message.global;
      if (!isObject(global)) fail(`${path}.global`, "must be an object");
      if (!Array.isArray(global.stream_states)) fail(`${path}.global.stream_states`, "must be a list");
      for (const [i, entry] of global.stream_states.entries()) {
        const at = `${path}.global.stream_states[${i}]`;
        if (!isObject(entry)) fail(at, "must be an object");
        result.set(
          descriptorOf(entry.stream_descriptor, `${at}.stream_descriptor`),
          blob(entry.stream_state, at),
        );
      }
      const shared = blob(global.shared_state, `${path}.global.shared_state`);
      if (shared && Object.keys(shared).length > 0) result.sharedState = shared;
      result.format = "global";
      return;
    }
    default: {
      addLegacy(result, message.data, `${path}.data`);
    }
  }
}

function addLegacy(result: MapState, data: unknown, path: string): void {
  if (!isObject(data)) fail(path, "must be an object mapping stream names to their state");
  for (const [name, state] of Object.entries(data)) {
    result.set({ name }, blob(state, `${path}.${name}`));
    result.format = "legacy";
  }
}

/**
 * Parses input state in any Airbyte shape. `null`, `undefined`, `{}` and `[]` mean "no state".
 *
 * @example
 * ```ts
 * import { parseInputState } from "./state.ts";
 * const perStream = parseInputState([
 *   { type: "STREAM", stream: { stream_descriptor: { name: "users" }, stream_state: { updated: "2024" } } },
 * ]);
 * const legacy = parseInputState({ users: { updated: "2024" } });
 * if (perStream.get({ name: "users" })?.updated !== "2024") throw new Error("per-stream");
 * if (legacy.get({ name: "users" })?.updated !== "2024") throw new Error("legacy");
 * ```
 */
export function parseInputState(value: unknown): InputState {
  const result = new MapState();
  if (value === undefined || value === null) return result;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      let message: unknown = item;
      // Whole AirbyteMessages (as written to stdout) are accepted too; other message kinds are skipped, so
      // a previous read's output can be passed back as it is.
      if (isObject(item) && item.type === "STATE" && isObject(item.state)) message = item.state;
      else if (isObject(item) && typeof item.type === "string" && OTHER_MESSAGE_TYPES.has(item.type)) {
        continue;
      }
      if (!isObject(message)) fail(`[${i}]`, "must be a state message object");
      if (message.type === undefined && isObject(message.data)) {
        addLegacy(result, message.data, `[${i}].data`);
        continue;
      }
      if (typeof message.type !== "string" || !STATE_TYPES.has(message.type)) {
        fail(`[${i}].type`, "must be STREAM, GLOBAL or LEGACY");
      }
      addMessage(result, message, `[${i}]`);
    }
    return result;
  }
  if (!isObject(value)) fail("the document", "must be a list of state messages or an object");
  if (isObject(value.state) && value.type === "STATE") {
    addMessage(result, value.state, "state");
    return result;
  }
  if (isStateMessage(value)) {
    addMessage(result, value, "the message");
    return result;
  }
  addLegacy(result, value, "the document");
  return result;
}

/**
 * Parses the text of a state file: JSON (any shape {@link parseInputState} accepts), or JSON Lines of
 * messages — e.g. the stdout of a previous read, whose last STATE per stream wins. Empty text means no state.
 *
 * @example
 * ```ts
 * import { parseStateText } from "./state.ts";
 * const previousOutput = [
 *   '{"type":"RECORD","record":{"stream":"u","data":{"id":1},"emitted_at":1}}',
 *   '{"type":"STATE","state":{"type":"STREAM","stream":{"stream_descriptor":{"name":"u"},"stream_state":{"c":1}}}}',
 * ].join("\n");
 * if (parseStateText(previousOutput, "out.jsonl").get({ name: "u" })?.c !== 1) throw new Error("jsonl");
 * ```
 */
export function parseStateText(text: string, what: string): InputState {
  if (text.trim() === "") return parseInputState(null);
  try {
    return parseInputState(parseJsonSafe(text, what, "state_invalid"));
  } catch (error) {
    const lines = text.split("\n").filter((line) => line.trim() !== "");
    if (lines.length < 2) throw error;
    const values = lines.map((line, i) => parseJsonSafe(line, `${what} line ${i + 1}`, "state_invalid"));
    return parseInputState(values);
  }
}
