/**
 * Built-in code connectors, by name (the CLI's `--connector NAME`).
 * @module
 */
import type { Source } from "../src/source/types.ts";
import { ExampleShopSource } from "./example-shop/source.ts";

/**
 * Factories of the built-in code connectors.
 *
 * @example
 * ```ts
 * import { connectors } from "./mod.ts";
 * if (typeof connectors["example-shop"] !== "function") throw new Error("missing");
 * ```
 */
export const connectors: Record<string, () => Source> = {
  "example-shop": () => new ExampleShopSource(),
};
