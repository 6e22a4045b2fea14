/**
 * Size limits for values templates build (Python has none; an untrusted manifest must not exhaust memory).
 * @module
 */

import { PyError } from "./py_value.ts";

/** Largest string a template may build (characters). */
export const MAX_STRING = 5_000_000;
/** Largest list a template may build. */
export const MAX_LIST = 1_000_000;

/** Throws when a string would exceed {@link MAX_STRING}. */
export function checkLength(n: number, what = "string"): void {
  if (n > MAX_STRING) throw new PyError("LimitError", `${what} result exceeds ${MAX_STRING} characters`);
}

/** Throws when a list would exceed {@link MAX_LIST}. */
export function checkList(n: number): void {
  if (n > MAX_LIST) throw new PyError("LimitError", `list result exceeds ${MAX_LIST} items`);
}
