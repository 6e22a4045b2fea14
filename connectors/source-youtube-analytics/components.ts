/**
 * Custom components of the corpus manifest `source-youtube-analytics.yaml` (unchanged), in TypeScript.
 *
 * `ContentOwnerRequester`: the HttpRequester of its fields, plus the static `extra_request_parameters` and
 * `onBehalfOfContentOwner={config.content_owner_id}` (when set) on every request's query.
 *
 * `JobRequester`: the same, for `jobs`: when the response lists no job for the stream's
 * `$parameters.report_type_id`, it creates one (`POST` to the same URL, without query, JSON
 * `{name: "Airbyte reporting job", reportTypeId}`) and lists the jobs again. An `error` object in the
 * listing fails the read as a config error.
 *
 * `CustomDecoder`: a downloaded report is CSV with a header row (Python's `csv.DictReader`).
 *
 * `ReportsStateMigration`: a state `{date}` (the Python connector's) or `{state: {date}}` gets `date` as a
 * string and the parent `report` stream state `{state: {date}, lookback_window: 0}`.
 * @module
 */
import { defineComponents, type StateMigration } from "../../src/declarative/components.ts";
import { csvDecoder } from "../../src/extract/decoders/csv.ts";
import { SpoutError } from "../../src/errors.ts";
import type { Middleware } from "../../src/http/requester.ts";
import { isObject, type JsonObject, type JsonValue } from "../../src/types.ts";
import { pyFloatStr } from "../_shared/py_json.ts";

/** Name of the reporting jobs the connector creates. */
export const JOB_NAME = "Airbyte reporting job";

function pyStr(value: unknown): string {
  if (typeof value === "number" && !Number.isInteger(value)) return pyFloatStr(value);
  if (typeof value === "boolean") return value ? "True" : "False";
  if (value === null || value === undefined) return "None";
  return String(value);
}

function pyTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}

/** `ReportsStateMigration`. */
export const reportsStateMigration: StateMigration = {
  shouldMigrate: (state) => pyTruthy(state.state) || pyTruthy(state.date),
  migrate(state) {
    if (pyTruthy(state.date)) {
      const date = pyStr(state.date);
      return { state: { date }, parent_state: { report: { state: { date }, lookback_window: 0 } } };
    }
    const cursor = state.state as JsonObject;
    cursor.date = pyStr(cursor.date);
    const parent = isObject(state.parent_state) ? state.parent_state : (state.parent_state = {});
    const report = isObject(parent.report) ? parent.report : (parent.report = {});
    if (!("state" in report)) report.state = cursor;
    report.lookback_window = 0;
    return state;
  },
};

function contentOwner(options: { [key: string]: unknown }, config: JsonObject): Middleware {
  const extra = isObject(options.extra_request_parameters) ? options.extra_request_parameters : {};
  const owner = config.content_owner_id;
  return (next) => (request) => {
    const url = new URL(request.url);
    for (const [key, value] of Object.entries(extra)) url.searchParams.set(key, pyStr(value));
    if (pyTruthy(owner)) url.searchParams.set("onBehalfOfContentOwner", pyStr(owner));
    return next(url.href === request.url ? request : new Request(url, request));
  };
}

function jobRequester(owner: Middleware, reportTypeId: unknown): Middleware {
  return (next) => {
    const send = owner(next);
    const list = async (request: Request) => {
      const response = await send(request.clone());
      const body: unknown = await response.clone().json().catch(() => undefined);
      if (isObject(body) && "error" in body) {
        const error = isObject(body.error) ? body.error : {};
        const message = error.message ?? JSON.stringify(body.error);
        throw new SpoutError(
          "config_error",
          `YouTube Reporting API Error (code ${error.code ?? "unknown"}): ${message}. `,
        );
      }
      const jobs = isObject(body) && Array.isArray(body.jobs) ? body.jobs : [];
      return { response, found: jobs.some((j) => isObject(j) && j.reportTypeId === reportTypeId) };
    };
    return async (request) => {
      const first = await list(request);
      if (first.found) return first.response;
      const url = new URL(request.url);
      url.search = "";
      const headers = new Headers(request.headers);
      headers.set("content-type", "application/json");
      const created = await next(
        new Request(url, {
          method: "POST",
          headers,
          body: JSON.stringify({ name: JOB_NAME, reportTypeId: reportTypeId as JsonValue }),
        }),
      );
      await created.body?.cancel();
      return (await list(request)).response;
    };
  };
}

/** The registry passed with `--components connectors/source-youtube-analytics/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.ContentOwnerRequester": {
    kind: "requester",
    create: (options, ctx) => contentOwner(options, ctx.config),
  },
  "source_declarative_manifest.components.JobRequester": {
    kind: "requester",
    create: (options, ctx) => jobRequester(contentOwner(options, ctx.config), ctx.parameters.report_type_id),
  },
  "source_declarative_manifest.components.CustomDecoder": {
    kind: "decoder",
    create: () => csvDecoder(),
  },
  "source_declarative_manifest.components.ReportsStateMigration": {
    kind: "state_migration",
    create: () => reportsStateMigration,
  },
});

export default components;
