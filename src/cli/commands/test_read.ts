/**
 * `spout test-read`: reads a few pages of each stream and prints records as tables, the request/response log
 * (secrets masked), page / paginator / cursor decisions and the final state; `--json` prints one JSON document,
 * `--infer` adds an inferred schema and record-path / paginator suggestions to paste into the manifest.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import { defaultSyncCatalog } from "../../destination/sync.ts";
import { collectTestRead } from "../../dx/test_read.ts";
import { formatReport } from "../../dx/report_format.ts";
import { parseConfiguredCatalog } from "../../protocol/catalog.ts";
import { parseJsonSafe } from "../../protocol/json.ts";
import type { ConfiguredAirbyteCatalog } from "../../protocol/messages.ts";
import { parseInputState } from "../../protocol/state.ts";
import type { InputState } from "../../protocol/state.ts";
import { discoverSource } from "../../source/runner.ts";
import type { ConnectorSpec, ReadContext, Source } from "../../source/types.ts";
import type { JsonObject } from "../../types.ts";
import { assertValidConfig } from "../config.ts";
import type { Session } from "../session.ts";
import { readInputFile } from "../source_loader.ts";
import { humanContext } from "./human_context.ts";

async function catalogFor(
  session: Session,
  source: Source,
  config: JsonObject,
  ctx: ReadContext,
): Promise<ConfiguredAirbyteCatalog> {
  const { args, io } = session;
  let catalog: ConfiguredAirbyteCatalog = args.catalog !== undefined
    ? parseConfiguredCatalog(
      parseJsonSafe(await readInputFile(io, args.catalog, "catalog"), `catalog file ${args.catalog}`),
    )
    : defaultSyncCatalog(await discoverSource(source, config, ctx), "append");
  if (args.streams) {
    const known = catalog.streams.map((s) => s.stream.name);
    const unknown = args.streams.filter((name) => !known.includes(name));
    if (unknown.length > 0) {
      throw new SpoutError(
        "usage_error",
        `unknown stream(s) ${unknown.join(", ")} for --stream (streams: ${known.join(", ")})`,
      );
    }
    catalog = { streams: catalog.streams.filter((s) => args.streams!.includes(s.stream.name)) };
  }
  return catalog;
}

/** Runs `spout test-read`; sets `session.failed` when a stream failed. */
export async function runTestRead(
  session: Session,
  source: Source,
  config: JsonObject,
  spec: ConnectorSpec,
): Promise<void> {
  const { args, io } = session;
  const { log, ctx } = humanContext(session, "test-read");
  assertValidConfig(config, spec.connectionSpecification, log);
  const catalog = await catalogFor(session, source, config, ctx);
  let state: InputState | undefined;
  if (args.state !== undefined) {
    const text = await readInputFile(io, args.state, "state");
    state = parseInputState(
      text.trim() === "" ? null : parseJsonSafe(text, `state file ${args.state}`, "state_invalid"),
    );
  }
  const report = await collectTestRead(source, config, catalog, ctx, {
    pages: args.pages ?? 2,
    limit: args.limit,
    sample: args.limit ?? 10,
    infer: args.infer === true,
    state,
  });
  const text = args.json
    ? JSON.stringify(report, null, 2) + "\n"
    : formatReport(report, { sample: args.limit ?? 10 });
  // Everything printed passes through the masker once more (records may echo a secret).
  await io.stdout(new TextEncoder().encode(session.masker.mask(text)));
  if (report.errors.length > 0 || report.streams.some((s) => s.error !== undefined)) session.failed = true;
}
