/**
 * The top level of a manifest: `streams` (DeclarativeStream, StateDelegatingStream, ConditionalStreams),
 * `dynamic_streams`, `concurrency_level` and `api_budget`.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import { pyTruthy } from "../../extract/py_truthy.ts";
import type { ReadContext, ReadOptions, Stream, StreamMessage } from "../../source/types.ts";
import { isObject, type JsonSchema } from "../../types.ts";
import {
  type Component,
  type ComponentPath,
  type FactoryContext,
  interpolated,
  invalid,
  paramsOf,
} from "./context.ts";
import { buildApiBudget } from "./api_budget.ts";
import { buildDynamicStreams } from "./dynamic_streams.ts";
import { buildDeclarativeStream } from "./stream.ts";

/** Partitions read at once, from `concurrency_level` (default 1 when absent). */
export function concurrencyOf(ctx: FactoryContext, manifest: Component): number | undefined {
  const level = manifest.concurrency_level;
  if (!isObject(level)) return undefined;
  const path = ["concurrency_level"];
  const raw = interpolated(ctx, level.default_concurrency, paramsOf(level), [...path, "default_concurrency"])
    .eval({});
  let n = typeof raw === "number" ? raw : Number(raw);
  if (!Number.isFinite(n) || n < 1) n = 1;
  const max = Number(level.max_concurrency);
  if (Number.isFinite(max) && max > 0) n = Math.min(n, max);
  return Math.floor(n);
}

/** A stream that reads its full-refresh variant without state and its incremental variant with state. */
class StateDelegatingStream implements Stream {
  readonly name: string;
  readonly primaryKey?: string[][];
  readonly cursorField?: string[];
  readonly sourceDefinedCursor?: boolean;
  readonly manifest?: Component;
  readonly #full: Stream;
  readonly #incremental: Stream;

  constructor(name: string, full: Stream, incremental: Stream, manifest: Component) {
    this.name = name;
    this.#full = full;
    this.#incremental = incremental;
    this.primaryKey = incremental.primaryKey ?? full.primaryKey;
    this.cursorField = incremental.cursorField;
    this.sourceDefinedCursor = incremental.sourceDefinedCursor;
    this.manifest = (incremental as { manifest?: Component }).manifest ?? manifest;
  }

  jsonSchema(): Promise<JsonSchema> {
    return this.#incremental.jsonSchema();
  }

  read(options: ReadOptions, ctx: ReadContext): AsyncIterable<StreamMessage> {
    const hasState = options.state !== undefined && Object.keys(options.state).length > 0;
    return hasState ? this.#incremental.read(options, ctx) : this.#full.read(options, ctx);
  }
}

function buildOne(
  ctx: FactoryContext,
  component: unknown,
  path: ComponentPath,
  concurrency: number | undefined,
  out: Stream[],
): void {
  if (!isObject(component)) invalid(ctx, path, "expected a stream");
  switch (component.type) {
    case "DeclarativeStream":
    case undefined:
      out.push(buildDeclarativeStream(ctx, component, path, concurrency));
      return;
    case "StateDelegatingStream": {
      const params = paramsOf(component);
      const name = interpolated(ctx, component.name ?? params.name, params, [...path, "name"]).render({});
      const full: Stream[] = [];
      const inc: Stream[] = [];
      buildOne(ctx, component.full_refresh_stream, [...path, "full_refresh_stream"], concurrency, full);
      buildOne(ctx, component.incremental_stream, [...path, "incremental_stream"], concurrency, inc);
      out.push(new StateDelegatingStream(name || full[0].name, full[0], inc[0], component));
      return;
    }
    case "ConditionalStreams": {
      const condition = interpolated(ctx, component.condition, paramsOf(component), [...path, "condition"], {
        kind: "boolean",
      });
      if (!pyTruthy(condition.eval({}))) return;
      const list = Array.isArray(component.streams) ? component.streams : [];
      list.forEach((s, i) => buildOne(ctx, s, [...path, "streams", i], concurrency, out));
      return;
    }
    default:
      throw new SpoutError(
        "manifest_unsupported",
        `${path.join(".")}: stream type ${String(component.type)} is not supported`,
      );
  }
}

/** Builds every stream of a manifest for a config. */
export async function buildStreams(
  ctx: FactoryContext,
  manifest: Component,
  read: ReadContext,
): Promise<Stream[]> {
  const concurrency = concurrencyOf(ctx, manifest);
  ctx.apiBudget = buildApiBudget(ctx, manifest.api_budget);
  ctx.readContext = read;
  const out: Stream[] = [];
  const list = Array.isArray(manifest.streams) ? manifest.streams : [];
  list.forEach((s, i) => buildOne(ctx, s, ["streams", i], concurrency, out));
  if (Array.isArray(manifest.dynamic_streams) && manifest.dynamic_streams.length > 0) {
    const generated = await buildDynamicStreams(ctx, manifest.dynamic_streams, read);
    generated.forEach(({ component, path }) => buildOne(ctx, component, path, concurrency, out));
  }
  return out;
}
