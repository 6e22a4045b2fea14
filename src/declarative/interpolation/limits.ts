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

/** Default work budget of one render: roughly the number of values visited, compared or copied. */
export const DEFAULT_MAX_WORK = 50_000_000;

let budget = Infinity;

/**
 * Charges `n` units of work to the current render: loops, membership tests, sorting, copying and printing
 * cost about one unit per element, so a template cannot turn a few steps into quadratic work on big data.
 */
export function charge(n: number): void {
  budget -= n;
  if (budget < 0) {
    throw new PyError("LimitError", "template exceeded its work budget (too much data processed)");
  }
}

/** Runs `fn` with a fresh work budget (restoring the caller's afterwards). */
export function withWorkBudget<T>(limit: number, fn: () => T): T {
  const saved = budget;
  budget = limit;
  try {
    return fn();
  } finally {
    budget = saved;
  }
}
