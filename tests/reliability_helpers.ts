/**
 * Shared pieces of the reliability/security suites: a small manifest builder pointed at a fault server, CLI
 * runs through `main()` with a fake clock and real loopback fetch, and message accessors.
 * @module
 */
import { main } from "../cli.ts";
import { fakeEnv } from "../src/env.ts";
import type { Env, LogLevel } from "../src/env.ts";
import type { AirbyteErrorTraceMessage, AirbyteMessage } from "../src/protocol/messages.ts";
import type { ConnectorRegistry } from "../src/cli/io.ts";
import { catalogFor, type CliRun, runCli } from "./cli_helpers.ts";

/** Options of {@link itemsManifest}. */
export interface ManifestOptions {
  /** YAML of the authenticator mapping (indented by the builder), default none. */
  authenticator?: string;
  /** YAML of the error handler mapping. */
  errorHandler?: string;
  /** Cursor pagination on `next` (body field), default off. */
  paginate?: boolean;
  /** Extra spec properties (YAML lines, already indented 6 spaces). */
  specProperties?: string;
  /** Path of the items stream (default /items). */
  path?: string;
  /** YAML list of stream transformations. */
  transformations?: string;
  /** Extra requester lines (indented 8 spaces). */
  requesterExtra?: string;
}

function indent(yaml: string, spaces: number): string {
  return yaml.trim().split("\n").map((line) => " ".repeat(spaces) + line).join("\n");
}

/** A one-stream (`items`) manifest against `base`. */
export function itemsManifest(base: string, options: ManifestOptions = {}): string {
  const paginator = options.paginate
    ? `
      paginator:
        type: DefaultPaginator
        page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: cursor}
        pagination_strategy:
          type: CursorPagination
          cursor_value: "{{ response.next }}"
          stop_condition: "{{ not response.next }}"`
    : "";
  return `
version: 6.0.0
type: DeclarativeSource
check:
  type: CheckStream
  stream_names: [items]
streams:
  - type: DeclarativeStream
    name: items
    primary_key: id
${options.transformations ? `    transformations:\n${indent(options.transformations, 6)}` : ""}
    schema_loader:
      type: InlineSchemaLoader
      schema: {type: object, properties: {id: {type: integer}}}
    retriever:
      type: SimpleRetriever
      requester:
        type: HttpRequester
        url_base: ${base}
        path: ${options.path ?? "/items"}
        http_method: GET
${options.authenticator ? `        authenticator:\n${indent(options.authenticator, 10)}` : ""}
${options.errorHandler ? `        error_handler:\n${indent(options.errorHandler, 10)}` : ""}
${options.requesterExtra ? indent(options.requesterExtra, 8) : ""}
      record_selector:
        type: RecordSelector
        extractor: {type: DpathExtractor, field_path: [data]}${paginator}
spec:
  type: Spec
  connection_specification:
    type: object
    properties:
      api_key: {type: string, airbyte_secret: true}
${options.specProperties ?? ""}
`;
}

/** An env with a fake clock (instant sleeps) and real loopback fetch; logs recorded. */
export function loopbackEnv(extra: Partial<Env> = {}): Env & { slept: number[]; logs: [LogLevel, string][] } {
  const logs: [LogLevel, string][] = [];
  const env = fakeEnv({
    fetch: (request) => fetch(request),
    log: (level, message) => logs.push([level, message]),
  });
  return Object.assign(env, extra, { logs });
}

/** Options of {@link cli}. */
export interface CliCall {
  manifest?: string;
  connector?: string;
  connectors?: ConnectorRegistry;
  config?: object;
  state?: unknown;
  catalog?: object;
  env?: Env;
  signal?: AbortSignal;
  extraArgs?: string[];
}

/** Runs `command` through the in-process CLI. */
export async function cli(command: "read" | "check" | "discover", call: CliCall): Promise<CliRun> {
  const files: Record<string, string | object> = { "c.json": call.config ?? { api_key: "k" } };
  const args = [command, "--config", "c.json"];
  if (call.manifest !== undefined) {
    files["m.yaml"] = call.manifest;
    args.push("--manifest", "m.yaml");
  }
  if (call.connector) args.push("--connector", call.connector);
  if (command === "read") {
    files["cat.json"] = call.catalog ?? catalogFor(["items"]);
    args.push("--catalog", "cat.json");
    if (call.state !== undefined) {
      files["s.json"] = call.state as object;
      args.push("--state", "s.json");
    }
  }
  args.push(...(call.extraArgs ?? []));
  return await runCli(main, args, {
    files,
    env: call.env ?? loopbackEnv(),
    signal: call.signal,
    connectors: call.connectors,
  });
}

/** RECORD data of `stream` (all streams when omitted). */
export function recordsOf(messages: AirbyteMessage[], stream?: string): Record<string, unknown>[] {
  return messages.flatMap((m) =>
    m.type === "RECORD" && (stream === undefined || m.record.stream === stream) ? [m.record.data] : []
  );
}

/** TRACE ERROR payloads. */
export function traceErrors(messages: AirbyteMessage[]): AirbyteErrorTraceMessage[] {
  return messages.flatMap((m) =>
    m.type === "TRACE" && m.trace.type === "ERROR" && m.trace.error ? [m.trace.error] : []
  );
}

/** STATE messages' payloads (the `state` objects). */
export function statesOf(messages: AirbyteMessage[]): unknown[] {
  return messages.flatMap((m) => m.type === "STATE" ? [m.state] : []);
}

/** LOG messages as [level, message]. */
export function logsOf(messages: AirbyteMessage[]): [string, string][] {
  return messages.flatMap((m) => m.type === "LOG" ? [[m.log.level, m.log.message] as [string, string]] : []);
}
