/**
 * Airbyte's `ListPartitionRouter`: one partition per value.
 * @module
 */
import type { RequestParts } from "../pagination/types.ts";
import type { StreamSlice } from "../source/types.ts";
import { pyTruthy } from "../extract/py_truthy.ts";
import { injectRequestOption, type RequestOption } from "./request_option.ts";
import type { PartitionRouter } from "./types.ts";

/** Options of {@link ListPartitionRouter}. */
export interface ListPartitionRouterOptions {
  /** The values (already evaluated). */
  values: readonly unknown[];
  /** Partition key the value is stored under. */
  cursorField: string;
  /** Injects the value into requests. */
  requestOption?: RequestOption;
}

/**
 * One partition `{[cursorField]: value}` per value.
 *
 * @example
 * ```ts
 * import { ListPartitionRouter } from "./list.ts";
 * const router = new ListPartitionRouter({
 *   values: ["eu", "us"],
 *   cursorField: "region",
 *   requestOption: { injectInto: "request_parameter", fieldName: "region" },
 * });
 * const [eu] = [...router.partitions()];
 * if (router.applyToRequest({ path: "", query: {}, headers: {} }, eu).query.region !== "eu") throw new Error();
 * ```
 */
export class ListPartitionRouter implements PartitionRouter {
  readonly #options: ListPartitionRouterOptions;

  /** Creates the instance from its options. */
  constructor(options: ListPartitionRouterOptions) {
    this.#options = options;
  }

  /** The partitions. */
  *partitions(): Generator<StreamSlice> {
    for (const value of this.#options.values) {
      yield { partition: { [this.#options.cursorField]: value }, cursor_slice: {} };
    }
  }

  /** No parent state. */
  parentState(): undefined {
    return undefined;
  }

  /** Injects the partition value (skipped when falsy, like the reference). */
  applyToRequest(parts: RequestParts, slice: StreamSlice): RequestParts {
    const option = this.#options.requestOption;
    if (!option) return parts;
    const value = slice.partition[this.#options.cursorField];
    return pyTruthy(value) ? injectRequestOption(parts, option, value) : parts;
  }
}
