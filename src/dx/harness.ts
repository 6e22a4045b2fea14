/**
 * Runs the `spout` CLI in-process for a connector's tests: real files, captured output, an injected fetch
 * (typically {@link replayFetch} over recorded fixtures) and optional code connectors.
 * @module
 */
import { nodeIO } from "../cli/io.ts";
import { main } from "../cli/main.ts";
import type { Requester } from "../http/requester.ts";
import type { AirbyteMessage } from "../protocol/messages.ts";
import type { Source } from "../source/types.ts";
import type { JsonObject, RecordData } from "../types.ts";

/** Options of {@link runSpout}. */
export interface RunSpoutOptions {
  /** The network (e.g. `replayFetch("fixtures")`); default: the real fetch. */
  fetch?: Requester;
  /** Code connectors reachable with `--connector NAME`. */
  connectors?: Record<string, () => Source>;
  /** Aborts the run. */
  signal?: AbortSignal;
}

/** What {@link runSpout} returns. */
export interface SpoutRun {
  /** Exit code (0 ok, 1 failure, 2 usage). */
  code: number;
  /** Everything printed on stdout. */
  stdout: string;
  /** Everything printed on stderr. */
  stderr: string;
  /** stdout parsed as Airbyte messages (lines that are not JSON are skipped). */
  messages: AirbyteMessage[];
  /** The records (of one stream, or all). */
  records(stream?: string): RecordData[];
  /** The last state emitted for a stream. */
  state(stream: string): JsonObject | undefined;
}

/**
 * Runs `spout ARGS…` in this process and captures its output.
 *
 * @example
 * ```ts
 * import { runSpout } from "./harness.ts";
 * const run = await runSpout(["spec"]);
 * if (run.code !== 0 || run.messages[0].type !== "SPEC") throw new Error(run.stderr);
 * ```
 */
export async function runSpout(args: string[], options: RunSpoutOptions = {}): Promise<SpoutRun> {
  const base = nodeIO({
    signal: options.signal,
    loadConnectors: () => Promise.resolve(options.connectors ?? {}),
  });
  const decoder = new TextDecoder();
  let stdout = "";
  let stderr = "";
  const io = {
    ...base,
    isTTY: false,
    stdout: (chunk: Uint8Array) => {
      stdout += decoder.decode(chunk, { stream: true });
    },
    stderr: (chunk: Uint8Array) => {
      stderr += decoder.decode(chunk, { stream: true });
    },
    env: options.fetch ? { ...base.env, fetch: options.fetch } : base.env,
  };
  const code = await main(args, io);
  const messages: AirbyteMessage[] = [];
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      messages.push(JSON.parse(line) as AirbyteMessage);
    } catch {
      // not a protocol line
    }
  }
  return {
    code,
    stdout,
    stderr,
    messages,
    records: (stream) =>
      messages.flatMap((m) =>
        m.type === "RECORD" && (stream === undefined || m.record.stream === stream) ? [m.record.data] : []
      ),
    state: (stream) => {
      let found: JsonObject | undefined;
      for (const m of messages) {
        if (m.type === "STATE" && m.state.stream?.stream_descriptor.name === stream) {
          found = m.state.stream.stream_state ?? undefined;
        }
      }
      return found;
    },
  };
}
