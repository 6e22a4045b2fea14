/**
 * `spout sync`: reads a source and writes it into a local SQLite database or JSONL directory, continuing from
 * the state stored there. Progress goes to stderr when it is a terminal; a summary line is always printed.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import type { Destination } from "../../destination/types.ts";
import { defaultSyncCatalog, type SyncSummary, syncToDestination } from "../../destination/sync.ts";
import { parseConfiguredCatalog } from "../../protocol/catalog.ts";
import { parseJsonSafe } from "../../protocol/json.ts";
import type { AirbyteMessage, ConfiguredAirbyteCatalog } from "../../protocol/messages.ts";
import { discoverSource } from "../../source/runner.ts";
import type { ConnectorSpec, ReadContext, Source } from "../../source/types.ts";
import type { JsonObject } from "../../types.ts";
import { assertValidConfig } from "../config.ts";
import type { Session } from "../session.ts";
import { readInputFile } from "../source_loader.ts";
import { humanContext } from "./human_context.ts";

/** A parsed `--dest`. */
export interface DestSpec {
  /** Destination kind. */
  kind: "sqlite" | "jsonl";
  /** Database file or directory. */
  path: string;
}

/**
 * Parses `--dest sqlite:PATH | jsonl:DIR` (default `sqlite:./data/NAME.db`, NAME from the connector or
 * manifest file name).
 *
 * @example
 * ```ts
 * import { parseDest } from "./sync.ts";
 * if (parseDest("jsonl:./out").kind !== "jsonl") throw new Error();
 * if (parseDest(undefined, "shop").path !== "./data/shop.db") throw new Error();
 * ```
 */
export function parseDest(text: string | undefined, name = "spout"): DestSpec {
  if (text === undefined) return { kind: "sqlite", path: `./data/${name}.db` };
  const match = /^(sqlite|jsonl):(.+)$/.exec(text);
  if (!match) {
    throw new SpoutError("usage_error", `--dest must be sqlite:PATH or jsonl:DIR, got "${text}"`);
  }
  return { kind: match[1] as DestSpec["kind"], path: match[2] };
}

/** Opens the destination a {@link DestSpec} names (SQLite is loaded only when asked for). */
export async function openDestination(spec: DestSpec, warn: (message: string) => void): Promise<Destination> {
  if (spec.kind === "sqlite") {
    const { openSqliteDestination } = await import("../../destination/sqlite.ts");
    return await openSqliteDestination(spec.path, { warn });
  }
  const { openJsonlDestination } = await import("../../destination/jsonl.ts");
  return await openJsonlDestination(spec.path);
}

function sourceName(session: Session): string {
  const { args } = session;
  if (args.connector) return args.connector.replace(/[^\w.-]+/g, "_");
  if (args.manifest) {
    const file = args.manifest.split("/").pop() ?? "spout";
    const stem = file.replace(/\.(ya?ml|json)$/i, "");
    if (stem !== "manifest") return stem;
    const parts = args.manifest.split("/");
    return parts.length >= 2 ? parts[parts.length - 2] || "spout" : "spout";
  }
  return "spout";
}

function rate(records: number, ms: number): string {
  return ms > 0 ? `${Math.round(records / (ms / 1000))} rec/s` : "";
}

/** One line describing the sync (the final summary, and progress on a terminal). */
export function summaryLine(summary: SyncSummary, label: string): string {
  const seconds = (summary.ms / 1000).toFixed(1);
  const per = summary.streams.map((s) => {
    const mark = s.status === "failed" ? " FAILED" : s.status === "interrupted" ? " INTERRUPTED" : "";
    return `${s.name}=${s.committed}${mark}`;
  }).join(" ");
  const failed = summary.streams.filter((s) => s.status === "failed" || s.status === "interrupted").length;
  return `spout sync: ${summary.records} records in ${seconds}s (${rate(summary.records, summary.ms)}) -> ` +
    `${label} ${per}${failed > 0 ? `; ${failed} stream(s) not complete` : ""}`;
}

async function loadCatalog(
  session: Session,
  source: Source,
  config: JsonObject,
  mode: "append" | "dedupe",
  ctx: ReadContext,
): Promise<ConfiguredAirbyteCatalog> {
  const { args, io } = session;
  let catalog: ConfiguredAirbyteCatalog;
  if (args.catalog !== undefined) {
    catalog = parseConfiguredCatalog(
      parseJsonSafe(await readInputFile(io, args.catalog, "catalog"), `catalog file ${args.catalog}`),
    );
  } else {
    catalog = defaultSyncCatalog(await discoverSource(source, config, ctx), mode);
  }
  if (args.streams) {
    const wanted = new Set(args.streams);
    const unknown = args.streams.filter((name) => !catalog.streams.some((s) => s.stream.name === name));
    if (unknown.length > 0) {
      throw new SpoutError("usage_error", `unknown stream(s) ${unknown.join(", ")} for --stream`);
    }
    catalog = { streams: catalog.streams.filter((s) => wanted.has(s.stream.name)) };
  }
  return catalog;
}

/** Writes a rotated config back to the config file (temp file + rename), so the next sync uses it. */
async function saveConfig(path: string, config: JsonObject): Promise<void> {
  const { writeFile, rename } = await import("node:fs/promises");
  const tmp = `${path}.tmp`;
  await writeFile(tmp, JSON.stringify(config, null, 2) + "\n", "utf8");
  await rename(tmp, path);
}

/** Runs `spout sync`; sets `session.failed` when a stream did not complete. */
export async function runSync(
  session: Session,
  source: Source,
  config: JsonObject,
  spec: ConnectorSpec,
): Promise<void> {
  const { args, io } = session;
  if (args.state !== undefined) {
    throw new SpoutError(
      "usage_error",
      "sync keeps its state in the destination: drop --state (to start over, use a new --dest)",
    );
  }
  const { log, ctx } = humanContext(session, "sync");
  if ((args.streamConcurrency ?? 1) > 1) {
    log("WARN", "sync reads one stream at a time; --stream-concurrency is ignored");
  }
  assertValidConfig(config, spec.connectionSpecification, log);
  const destSpec = parseDest(args.dest, sourceName(session));
  const catalog = await loadCatalog(session, source, config, args.mode ?? "dedupe", ctx);
  const say = (text: string) => session.say(session.masker.mask(text));
  const warnings: string[] = [];
  const destination = await openDestination(destSpec, (message) => warnings.push(message));
  const label = destination.label;
  let lastDraw = 0;
  let drawn = false;
  const encoder = new TextEncoder();
  const onProgress = (summary: SyncSummary) => {
    if (!io.isTTY) return;
    const now = session.env.now();
    if (now - lastDraw < 200) return;
    lastDraw = now;
    const per = summary.streams.filter((s) => s.status !== "pending").map((s) =>
      s.status === "running"
        ? `${s.name}: ${s.records} records, ${s.pages} pages`
        : `${s.name}: ${s.records}${s.status === "complete" ? " done" : ` ${s.status}`}`
    );
    // Newest first, so the running stream stays visible on a narrow terminal.
    const tail = per.reverse().join(" | ");
    const head = `spout sync: ${summary.records} records (${rate(summary.records, summary.ms)})`;
    const line = `${head} ${tail}`.slice(0, 160);
    drawn = true;
    Promise.resolve(io.stderr(encoder.encode(`\r\x1b[K${session.masker.mask(line)}`))).catch(() => {});
  };
  const onMessage = async (message: AirbyteMessage) => {
    if (message.type === "LOG") {
      const level = message.log.level;
      if (args.debug || level === "WARN" || level === "ERROR" || level === "FATAL") {
        await say(`spout sync: ${level} ${message.log.message}`);
      }
    } else if (message.type === "TRACE" && message.trace.type === "ERROR" && message.trace.error) {
      const stream = message.trace.error.stream_descriptor?.name;
      await say(`spout sync: error${stream ? ` in stream ${stream}` : ""}: ${message.trace.error.message}`);
    }
  };
  // Rotated credentials (Airbyte CONTROL messages) are written back to the config file, in order.
  let saving: Promise<void> = Promise.resolve();
  let rotated = false;
  ctx.onConfigUpdate = (updated) => {
    session.masker.addFromSpec(updated, spec.connectionSpecification);
    rotated = true;
    const path = args.config;
    if (path !== undefined) saving = saving.then(() => saveConfig(path, updated));
  };
  const summary = await syncToDestination(source, config, catalog, destination, ctx, {
    mode: args.mode,
    onProgress,
    onMessage,
  });
  if (drawn) await io.stderr(encoder.encode("\r\x1b[K"));
  if (rotated) {
    try {
      await saving;
      await say(`spout sync: the connector rotated its credentials; saved them to ${args.config}`);
    } catch (error) {
      session.failed = true;
      await say(`spout sync: could not save rotated credentials to ${args.config}: ${error}`);
    }
  }
  for (const warning of warnings) await say(`spout sync: WARN ${warning}`);
  await say(summaryLine(summary, label));
  if (!summary.ok) session.failed = true;
}
