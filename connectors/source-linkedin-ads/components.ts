/**
 * Custom components of the corpus manifest `source-linkedin-ads.yaml` (unchanged), in TypeScript.
 *
 * `LinkedInAdsRecordExtractor`: the response's `elements`, each reshaped by {@link transformRecord}
 * (`transform_data.ts`).
 *
 * `SafeEncodeHttpRequester`: the HttpRequester of its fields whose query string is encoded like Python's
 * `urlencode(params, safe="():,%")`: Rest.li values such as `List(urn%3Ali%3AsponsoredCampaign%3A1)` and
 * `(start:(year:2024))` go out literally.
 *
 * `LinkedInAdsErrorHandler`: the DefaultErrorHandler of its fields that also retries an invalid-URL error (a
 * transient DNS failure in the reference).
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";
import type { ErrorHandler } from "../../src/http/error_handler.ts";
import { isObject } from "../../src/types.ts";
import { quotePlus } from "../_shared/py_url.ts";
import { transformRecord } from "./transform_data.ts";

export { quotePlus } from "../_shared/py_url.ts";

export { toRfc3339, transformRecord } from "./transform_data.ts";

/**
 * A query string re-encoded like `urlencode(pairs, safe="():,%")` (pairs and their order kept).
 *
 * @example
 * ```ts
 * import { safeQuery } from "./components.ts";
 * const q = safeQuery("?q=search&campaigns=List%28urn%253Ali%253Ax%29");
 * if (q !== "?q=search&campaigns=List(urn%3Ali%3Ax)") throw new Error(q);
 * ```
 */
export function safeQuery(search: string): string {
  const pairs = [...new URLSearchParams(search)];
  if (pairs.length === 0) return "";
  return "?" + pairs.map(([k, v]) => `${quotePlus(k, "():,%")}=${quotePlus(v, "():,%")}`).join("&");
}

function invalidUrl(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /invalid ?url/i.test(text);
}

/** The registry passed with `--components connectors/source-linkedin-ads/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.LinkedInAdsRecordExtractor": {
    kind: "record_extractor",
    create: () => (document) => {
      const elements = isObject(document) && Array.isArray(document.elements) ? document.elements : [];
      return elements.map((record) => (isObject(record) ? transformRecord(record) : record));
    },
  },
  "source_declarative_manifest.components.SafeEncodeHttpRequester": {
    kind: "requester",
    create: () => (next) => (request) => {
      const url = new URL(request.url);
      const query = safeQuery(url.search);
      if (query === url.search) return next(request);
      // URL parsing would re-escape nothing here: every character left unescaped is valid in a query
      const target = `${url.origin}${url.pathname}${query}${url.hash}`;
      return next(new Request(target, request));
    },
  },
  "source_declarative_manifest.components.LinkedInAdsErrorHandler": {
    kind: "error_handler",
    create(options, ctx): ErrorHandler {
      const base = ctx.build("error_handler", { ...options, type: "DefaultErrorHandler" });
      return {
        ...base,
        interpret(input) {
          if (!input.response && input.error !== undefined && invalidUrl(input.error)) {
            return {
              action: "RETRY",
              failureType: "transient_error",
              message: "source-linkedin-ads has faced a temporary DNS resolution issue. Retrying...",
            };
          }
          return base.interpret(input);
        },
      };
    },
  },
});

export default components;
