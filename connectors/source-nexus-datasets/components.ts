/**
 * Custom components of the corpus manifest `source-nexus-datasets.yaml` (unchanged), in TypeScript.
 *
 * `NexusCustomAuthenticator`: Infor Nexus HMAC signing. Every request carries `x-dapi-date` (now, UTC,
 * `YYYY-MM-DDTHH:MM:SS.000Z`), `x-nexus-api-key` and `Authorization: HMAC_1 {access_key_id}:{sig}:{user_id}`,
 * where `sig` is the base64 HMAC-SHA256 (key: `secret_key`) of the lower-cased concatenation of the date, the
 * method (`config.http_method`, GET by default), the dataset export path with its query
 * (`{base_url} + rest/3.1/analytics/dataset/{dataset_name}/export?mode={mode}`, resolved like `urljoin`) and
 * `config.payload` (empty by default). Like the reference, the signed path is built from the config, not from
 * the request.
 *
 * `FlexibleDecoder`: the export is JSON lines. 202 ("not ready, try again later"), 304 ("not ready, contact
 * Infor member services") and any other non-200 status fail the read with a config error; a content type
 * that is not JSON/JSON lines fails it too. Blank and malformed lines are skipped (malformed ones logged);
 * each line becomes `{raw_data, raw_data_string}`: `raw_data` is the line with every non-null scalar turned
 * into Python's `str()` of it (`True`, `1.0`, …) and `raw_data_string` is Python's `json.dumps` of that.
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";
import type { Decoder } from "../../src/extract/decoders/types.ts";
import { SpoutError } from "../../src/errors.ts";
import type { Env } from "../../src/env.ts";
import type { Middleware } from "../../src/http/requester.ts";
import type { JsonObject } from "../../src/types.ts";
import { parsePyJson, pyDumps, pyStringify, toPlain } from "../_shared/py_json.ts";

const DATASET_PATH = "rest/3.1/analytics/dataset";

function text(value: unknown, fallback = ""): string {
  return value === undefined || value === null ? fallback : String(value);
}

/** `x-dapi-date` of a time (ms since the epoch): whole seconds, `.000Z`. */
export function dapiDate(now: number): string {
  return new Date(Math.floor(now / 1000) * 1000).toISOString();
}

/**
 * The path and query that are signed: the dataset export URL resolved against `base_url`, `mode` set.
 *
 * @example
 * ```ts
 * import { signedPath } from "./components.ts";
 * const p = signedPath({ base_url: "https://nx.test/api/", dataset_name: "Orders" });
 * if (p !== "/api/rest/3.1/analytics/dataset/Orders/export?mode=Full") throw new Error(p);
 * ```
 */
export function signedPath(config: JsonObject): string {
  const relative = [DATASET_PATH, text(config.dataset_name), "export"].join("/");
  const url = new URL(relative, text(config.base_url));
  url.searchParams.set("mode", text(config.mode, "Full"));
  return url.pathname + (url.search || "");
}

/**
 * The signature headers of one request at time `now`.
 *
 * @example
 * ```ts
 * import { nexusHeaders } from "./components.ts";
 * const config = { base_url: "https://nx.test/", dataset_name: "d", access_key_id: "AK", user_id: "U",
 *   secret_key: "s", api_key: "K" };
 * const h = await nexusHeaders(config, Date.UTC(2024, 0, 2, 3, 4, 5, 678));
 * if (h["x-dapi-date"] !== "2024-01-02T03:04:05.000Z" || !/^HMAC_1 AK:[A-Za-z0-9+/]+=*:U$/.test(h.authorization)) {
 *   throw new Error(JSON.stringify(h));
 * }
 * ```
 */
export async function nexusHeaders(config: JsonObject, now: number): Promise<Record<string, string>> {
  const date = dapiDate(now);
  const method = text(config.http_method, "GET").toUpperCase();
  const payload = text(config.payload);
  const base = `${date}${method}${signedPath(config)}${payload}`.toLowerCase();
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(text(config.secret_key)),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(base)));
  const signature = btoa(String.fromCharCode(...mac));
  return {
    authorization: `HMAC_1 ${text(config.access_key_id)}:${signature}:${text(config.user_id)}`,
    "x-dapi-date": date,
    "x-nexus-api-key": text(config.api_key),
  };
}

function nexusAuthenticator(config: JsonObject, env: Env): Middleware {
  return (next) => async (request) => {
    const signed = new Request(request);
    for (const [name, value] of Object.entries(await nexusHeaders(config, env.now()))) {
      signed.headers.set(name, value);
    }
    return next(signed);
  };
}

const JSONL_TYPES = [
  "application/json",
  "application/x-jsonlines",
  "application/x-jsonl+json",
  "application/jsonl",
];
// Python str.splitlines() boundaries (control characters included on purpose)
// deno-lint-ignore no-control-regex
const LINE_BREAKS = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

function flexibleDecoder(log: (message: string) => void): Decoder {
  return {
    async *decode(response) {
      if (response.status === 304) {
        throw new SpoutError("config_error", "Dataset is not ready, please contact infor member services");
      }
      if (response.status === 202) {
        throw new SpoutError("config_error", "Dataset is not ready, try again later");
      }
      if (response.status !== 200) {
        throw new SpoutError(
          "config_error",
          `Unexpected status code: ${response.status} please contact infor member services`,
        );
      }
      const contentType = (response.headers.get("content-type") ?? "").toLowerCase();
      if (!JSONL_TYPES.some((t) => contentType.includes(t))) {
        throw new SpoutError("decode_error", `Unsupported or unrecognized Content-Type: ${contentType}`);
      }
      const body = new TextDecoder("utf-8", { fatal: true }).decode(await response.arrayBuffer());
      for (const line of body.split(LINE_BREAKS)) {
        if (line.trim() === "") continue;
        let parsed;
        try {
          parsed = parsePyJson(line);
        } catch (e) {
          log(`Skipping malformed JSONL line: ${line.trim().slice(0, 200)} - Error: ${(e as Error).message}`);
          continue;
        }
        const processed = pyStringify(parsed);
        yield { raw_data: toPlain(processed), raw_data_string: pyDumps(processed) };
      }
    },
  };
}

/** The registry passed with `--components connectors/source-nexus-datasets/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.NexusCustomAuthenticator": {
    kind: "authenticator",
    create(_options, ctx) {
      ctx.read?.masker.add(ctx.config.secret_key);
      ctx.read?.masker.add(ctx.config.api_key);
      return nexusAuthenticator(ctx.config, ctx.env);
    },
  },
  "source_declarative_manifest.components.FlexibleDecoder": {
    kind: "decoder",
    create: (_options, ctx) => flexibleDecoder((message) => ctx.env.log("WARN", message)),
  },
});

export default components;
