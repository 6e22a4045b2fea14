/**
 * Helpers of the ported-connector tests: `spout validate --components connectors/NAME/components.ts` over the
 * unchanged corpus manifest, in-process, and a reader of corpus streams that accepts both record shapes
 * (`record` one at a time, `records` one page at a time).
 */
import { main } from "../src/cli/main.ts";
import {
  createDeclarativeSource,
  type DeclarativeSourceOptions,
} from "../src/declarative/manifest_source.ts";
import type { ReadContext, SyncMode } from "../src/source/types.ts";
import type { JsonObject, RecordData } from "../src/types.ts";
import { memoryIO } from "./cli_helpers.ts";
import { corpusManifest, corpusText, readContext } from "./components_helpers.ts";

/** Runs `validate --components` for connector `name` on its corpus manifest; returns the exit code and output. */
export async function validateConnector(name: string): Promise<{ code: number; out: string }> {
  const file = `${name}.yaml`;
  const { io, out } = memoryIO({ files: { [file]: await corpusText(name) } });
  io.importModule = async (path) => ({ ...(await import(new URL(`file://${path}`).href)) });
  const components = new URL(`../connectors/${name}/components.ts`, import.meta.url).pathname;
  const code = await main(["validate", "--components", components, file], io);
  return { code, out: out() };
}

/** What one stream read produced. */
export interface PortOutput {
  records: RecordData[];
  states: JsonObject[];
  logs: string[];
}

/**
 * Reads the named streams of corpus manifest `name` (text may be given changed) in order with one
 * `streams()` call.
 */
export async function readCorpus(
  name: string,
  config: JsonObject,
  options: DeclarativeSourceOptions & {
    streams: string[];
    syncMode?: SyncMode;
    state?: Record<string, JsonObject>;
    ctx?: ReadContext;
    text?: string;
  },
): Promise<Record<string, PortOutput>> {
  const source = await createDeclarativeSource(options.text ?? await corpusText(name), {
    path: corpusManifest(name),
    ...options,
  });
  const ctx = options.ctx ?? readContext();
  const out: Record<string, PortOutput> = {};
  for (const stream of await source.streams(config, ctx)) {
    if (!options.streams.includes(stream.name)) continue;
    const result: PortOutput = { records: [], states: [], logs: [] };
    const read = stream.read({
      syncMode: options.syncMode ?? "full_refresh",
      state: options.state?.[stream.name],
    }, ctx);
    for await (const message of read) {
      const m = message as { type: string; data?: unknown; state?: JsonObject; message?: string };
      if (m.type === "record") result.records.push(m.data as RecordData);
      else if (m.type === "records") result.records.push(...(m.data as RecordData[]));
      else if (m.type === "state") result.states.push(m.state!);
      else result.logs.push(String(m.message));
    }
    out[stream.name] = result;
  }
  return out;
}
