/**
 * Connection checks: CheckStream (each listed stream must yield its first record, or end cleanly) and
 * CheckDynamicStream (the first `stream_count` streams).
 * @module
 */
import { toSpoutError } from "../../errors.ts";
import type { ConnectionStatus, ReadContext, Stream } from "../../source/types.ts";
import { isObject, type JsonObject } from "../../types.ts";
import type { FactoryContext } from "./context.ts";

/** Reads until the first record (or the end) of a stream; throws what the read throws. */
export async function checkAvailability(stream: Stream, ctx: ReadContext): Promise<void> {
  const controller = new AbortController();
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, controller.signal]) : controller.signal;
  const iterator = stream.read({ syncMode: "full_refresh" }, { ...ctx, signal, maxPages: 1, maxRecords: 1 })[
    Symbol.asyncIterator
  ]();
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done || next.value.type === "record" || next.value.type === "records") return;
    }
  } finally {
    controller.abort();
    await iterator.return?.().catch(() => {});
  }
}

const CHECK_STREAM_NAMES_KEY = "__airbyte_check_stream_names";

/** Runs the manifest's `check` component against built streams. */
export async function runCheck(
  check: unknown,
  streams: Stream[],
  ctx: ReadContext,
  config: JsonObject,
  _factory: FactoryContext,
): Promise<ConnectionStatus> {
  const byName = new Map(streams.map((s) => [s.name, s]));
  let names: string[] = [];
  if (isObject(check) && check.type === "CheckDynamicStream") {
    const count = Number(check.stream_count ?? 0);
    names = streams.slice(0, Math.max(0, count)).map((s) => s.name);
  } else if (isObject(check)) {
    names = Array.isArray(check.stream_names) ? check.stream_names.map(String) : [];
  }
  const override = config[CHECK_STREAM_NAMES_KEY];
  if (Array.isArray(override) && override.length > 0) names = override.map(String);
  if (streams.length === 0) return { status: "FAILED", message: "No streams to connect to from the source" };
  for (const name of names) {
    const stream = byName.get(name);
    if (!stream) {
      return {
        status: "FAILED",
        message: `${name} is not part of the catalog. Expected one of ${JSON.stringify([...byName.keys()])}.`,
      };
    }
    try {
      await checkAvailability(stream, ctx);
    } catch (error) {
      const e = toSpoutError(error);
      return {
        status: "FAILED",
        message: ctx.masker.mask(
          `Encountered an error while checking availability of stream ${name}. Error: ${e.message}`,
        ),
      };
    }
  }
  return { status: "SUCCEEDED" };
}
