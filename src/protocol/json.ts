/**
 * JSON parsing for untrusted inputs (config, catalog, state): `__proto__` keys are dropped so a parsed value
 * can never change an object's prototype when it is later merged or assigned.
 * @module
 */
import { SpoutError } from "../errors.ts";
import type { ErrorCode } from "../errors.ts";
import type { JsonValue } from "../types.ts";

function dropProto(this: unknown, key: string, value: unknown): unknown {
  return key === "__proto__" ? undefined : value;
}

/**
 * Parses JSON text, dropping every `__proto__` key; a syntax error becomes a {@link SpoutError} that names
 * `what` (e.g. "config file config.json") and carries `code`. The error never quotes the input.
 *
 * @example
 * ```ts
 * import { parseJsonSafe } from "./json.ts";
 * const value = parseJsonSafe('{"a":1,"__proto__":{"polluted":true}}', "example") as Record<string, unknown>;
 * if (Object.hasOwn(value, "__proto__") || ({} as Record<string, unknown>).polluted) throw new Error("polluted");
 * ```
 */
export function parseJsonSafe(text: string, what: string, code: ErrorCode = "config_error"): JsonValue {
  try {
    return JSON.parse(text, dropProto) as JsonValue;
  } catch (error) {
    // Engine messages may quote the input (which can hold secrets): keep only the position.
    const message = error instanceof Error ? error.message : "";
    const where = /at position \d+(?: \(line \d+ column \d+\))?/.exec(message)?.[0];
    const reason = where ? ` (${where})` : text.trim() === "" ? " (it is empty)" : "";
    throw new SpoutError(code, `${what} is not valid JSON${reason}: fix it and retry`);
  }
}
