/**
 * In-memory CLI world for tests: files, captured stdout/stderr, a fake clock, and a tiny in-test Source.
 * @module
 */
import { fakeEnv } from "../src/env.ts";
import type { Env } from "../src/env.ts";
import type { CliIO, ConnectorRegistry, RunValidate } from "../src/cli/io.ts";
import type { AirbyteMessage } from "../src/protocol/messages.ts";
import type { ConnectionStatus, ReadContext, Source, Stream, StreamMessage } from "../src/source/types.ts";
import type { JsonObject, JsonSchema } from "../src/types.ts";

/** What a test run produced. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  messages: AirbyteMessage[];
}

/** Options for {@link memoryIO}. */
export interface MemoryOptions {
  files?: Record<string, string | object>;
  connectors?: ConnectorRegistry;
  validator?: RunValidate;
  signal?: AbortSignal;
  /** Replaces the fake environment (e.g. to give it a real fetch). */
  env?: Env;
}

/** Builds an in-memory CliIO and returns it with accessors for the captured output. */
export function memoryIO(options: MemoryOptions = {}): { io: CliIO; out: () => string; err: () => string } {
  const decoder = new TextDecoder();
  let out = "";
  let err = "";
  const files = new Map<string, string>();
  for (const [path, content] of Object.entries(options.files ?? {})) {
    files.set(path, typeof content === "string" ? content : JSON.stringify(content));
  }
  let clock = Date.UTC(2024, 0, 1);
  const io: CliIO = {
    stdout: (chunk) => {
      out += decoder.decode(chunk);
    },
    stderr: (chunk) => {
      err += decoder.decode(chunk);
    },
    readTextFile: (path) => {
      const text = files.get(path);
      return text === undefined
        ? Promise.reject(new Error(`ENOENT: no such file or directory, open '${path}'`))
        : Promise.resolve(text);
    },
    env: options.env ?? fakeEnv({ now: () => clock++ }),
    signal: options.signal,
    loadConnectors: () => Promise.resolve(options.connectors ?? {}),
  };
  if (options.validator) io.loadValidator = () => Promise.resolve(options.validator!);
  return { io, out: () => out, err: () => err };
}

/** Runs `main` in-process and parses stdout as JSON lines (failing if any line is not JSON). */
export async function runCli(
  main: (args: string[], io: CliIO) => Promise<number>,
  args: string[],
  options: MemoryOptions = {},
): Promise<CliRun> {
  const { io, out, err } = memoryIO(options);
  const code = await main(args, io);
  const stdout = out();
  const lines = stdout.split("\n").filter((line) => line !== "");
  return { code, stdout, stderr: err(), messages: lines.map((line) => JSON.parse(line) as AirbyteMessage) };
}

/** A stream scripted by a generator function. */
export function scriptedStream(
  name: string,
  script: (ctx: ReadContext, state?: JsonObject) => AsyncIterable<StreamMessage>,
  extra: Partial<Stream> = {},
): Stream {
  return {
    name,
    jsonSchema: () => Promise.resolve({ type: "object", properties: { id: { type: "integer" } } }),
    read: (options, ctx) => script(ctx, options.state),
    ...extra,
  };
}

/** The spec every fake source uses: `api_key` (secret, required) and `region` (plain). */
export const FAKE_SPEC: JsonSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  required: ["api_key"],
  additionalProperties: false,
  properties: {
    api_key: { type: "string", airbyte_secret: true },
    region: { type: "string", enum: ["eu", "us"] },
    start_date: { type: "string", format: "date-time" },
  },
};

/** A small in-test Source. */
export function fakeSource(
  streams: Stream[],
  check: (config: JsonObject, ctx: ReadContext) => Promise<ConnectionStatus> = () =>
    Promise.resolve({ status: "SUCCEEDED" }),
): Source {
  return {
    spec: () =>
      Promise.resolve({ documentationUrl: "https://example.test/docs", connectionSpecification: FAKE_SPEC }),
    check,
    streams: () => Promise.resolve(streams),
  };
}

/** A configured catalog selecting `names` in full refresh (or the given mode). */
export function catalogFor(names: string[], mode: "full_refresh" | "incremental" = "full_refresh"): object {
  return {
    streams: names.map((name) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh", "incremental"] },
      sync_mode: mode,
      destination_sync_mode: "append",
    })),
  };
}
