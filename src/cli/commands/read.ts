/**
 * `spout read`: validates config, catalog and state up front, then streams the source's messages to stdout.
 * @module
 */
import { parseConfiguredCatalog } from "../../protocol/catalog.ts";
import { parseJsonSafe } from "../../protocol/json.ts";
import { parseStateText } from "../../protocol/state.ts";
import type { InputState } from "../../protocol/state.ts";
import { readSourceBatched } from "../../source/runner.ts";
import type { ConnectorSpec, Source } from "../../source/types.ts";
import type { JsonObject } from "../../types.ts";
import { assertValidConfig } from "../config.ts";
import type { Session } from "../session.ts";
import { readInputFile } from "../source_loader.ts";

/** Runs a read and writes every message; a stream failure shows as TRACE ERROR (exit 1). */
export async function runRead(
  session: Session,
  source: Source,
  config: JsonObject,
  spec: ConnectorSpec,
): Promise<void> {
  const { args, io } = session;
  assertValidConfig(config, spec.connectionSpecification, session.env.log);
  const catalogPath = args.catalog as string;
  const catalog = parseConfiguredCatalog(
    parseJsonSafe(await readInputFile(io, catalogPath, "catalog"), `catalog file ${catalogPath}`),
  );
  let state: InputState | undefined;
  if (args.state !== undefined) {
    const text = await readInputFile(io, args.state, "state");
    // JSON, or JSON Lines such as a previous read's stdout; an empty file means "no state".
    state = parseStateText(text, `state file ${args.state}`);
  }
  const started = session.env.now();
  // Counts only feed the TTY summary: no per-record work otherwise (batches are counted per page).
  const counts = io.isTTY ? new Map<string, number>() : undefined;
  const options = { streamConcurrency: args.streamConcurrency ?? 1 };
  const writer = session.writer;
  for await (
    const message of readSourceBatched(source, config, catalog, state, session.readContext(), options)
  ) {
    let wait: Promise<void> | undefined;
    if (message.type === "RECORDS") {
      wait = writer.pushRecords(message.stream, message.records, message.emittedAt, message.namespace);
      counts?.set(message.stream, (counts.get(message.stream) ?? 0) + message.records.length);
    } else {
      if (message.type === "RECORD") {
        counts?.set(message.record.stream, (counts.get(message.record.stream) ?? 0) + 1);
      }
      wait = session.push(message);
    }
    if (wait) await wait;
  }
  if (counts) {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const seconds = ((session.env.now() - started) / 1000).toFixed(1);
    const per = [...counts].map(([name, n]) => `${name}=${n}`).join(" ");
    await session.say(`spout: read ${total} records in ${seconds}s ${per}`.trimEnd());
  }
}
