/**
 * DeclarativeStream component -> {@link DeclarativeStream}: name, primary key, schema loader, retriever,
 * incremental cursor, partition router, transformations.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import type { SliceCursor } from "../../incremental/types.ts";
import type { ReadOptions, StreamSlice } from "../../source/types.ts";
import { isObject, type JsonObject, type RecordData } from "../../types.ts";
import { DeclarativeStream, type DeclarativeStreamParts } from "../declarative_stream.ts";
import {
  type Component,
  type ComponentPath,
  type FactoryContext,
  interpolated,
  invalid,
  paramsOf,
} from "./context.ts";
import { buildCursorFactory, buildIncremental } from "./incremental.ts";
import { buildPartitionRouter, type ParentReader } from "./partition_router.ts";
import { buildAsyncRetriever } from "./async_retriever.ts";
import { buildSimpleRetriever } from "./retriever.ts";
import { buildDynamicSchema } from "./dynamic_schema.ts";
import { buildSchemaLoader } from "./schema_loader.ts";
import type { RunContext } from "./types.ts";
import {
  customIncrementalSync,
  customRetriever,
  isCustomComponent,
  withStateMigrations,
} from "../components_factory.ts";
import { buildStateMigrations } from "./state_migrations.ts";

/** Normalises Airbyte's primary key forms (`"id"`, `["a", "b"]`, `[["a", "b"]]`) to field paths. */
export function normalizePrimaryKey(value: unknown): string[][] | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string") return [[value]];
  if (!Array.isArray(value)) return undefined;
  if (value.length === 0) return undefined;
  return value.map((k) => (Array.isArray(k) ? k.map(String) : [String(k)]));
}

/** Builds the parts of a stream (shared by streams and substream parents). */
export function buildStreamParts(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
): DeclarativeStreamParts {
  const params = paramsOf(component);
  const rawName = component.name ?? params.name;
  const name = interpolated(ctx, rawName, params, [...path, "name"]).render({});
  if (!name) invalid(ctx, path, "a stream needs a name");
  const schema = buildSchemaLoader(
    ctx,
    component.schema_loader,
    [...path, "schema_loader"],
    name,
    (loader, at) =>
      buildDynamicSchema(ctx, loader, at, (retriever, rat) =>
        buildParentReader(ctx, {
          type: "DeclarativeStream",
          name,
          retriever,
          schema_loader: { type: "InlineSchemaLoader", schema: {} },
        }, rat), () => ctx.readContext),
  );
  const retrieverComponent = component.retriever;
  if (!isObject(retrieverComponent)) {
    return invalid(ctx, [...path, "retriever"], "a stream needs a retriever");
  }
  const retrieverType = retrieverComponent.type ?? "SimpleRetriever";
  const customRetrieverType = retrieverType === "CustomRetriever" || isCustomComponent(retrieverComponent);
  if (retrieverType !== "SimpleRetriever" && retrieverType !== "AsyncRetriever" && !customRetrieverType) {
    throw new SpoutError(
      "manifest_unsupported",
      `${path.join(".")}: retriever ${String(retrieverComponent.type)} is not supported`,
    );
  }
  // Custom components (src/declarative/components.ts): incremental sync, retriever, state migrations.
  const customSync = isCustomComponent(component.incremental_sync)
    ? customIncrementalSync(ctx, component.incremental_sync, [...path, "incremental_sync"])
    : undefined;
  const migrate = buildStateMigrations(ctx, component, path);
  const incremental = customSync
    ? undefined
    : buildIncremental(ctx, component.incremental_sync, [...path, "incremental_sync"]);
  const retrieverPath = [...path, "retriever"];
  const router = buildPartitionRouter(
    ctx,
    retrieverComponent.partition_router ?? retrieverComponent.stream_slicer,
    [...retrieverPath, "partition_router"],
    (parent, at) => buildParentReader(ctx, parent, at),
  );
  const build = customRetrieverType
    ? customRetriever
    : retrieverType === "AsyncRetriever"
    ? buildAsyncRetriever
    : buildSimpleRetriever;
  const retriever = build(ctx, retrieverComponent, retrieverPath, {
    name,
    schema,
    transformations: component.transformations,
    clientSideIncremental: incremental?.clientSide,
    dataFeed: incremental?.dataFeed,
    incremental,
  });
  return {
    name,
    primaryKey: normalizePrimaryKey(component.primary_key ?? params.primary_key),
    cursorField: customSync ? [customSync.cursorField] : incremental ? [incremental.cursorField] : undefined,
    schema,
    reader: retriever,
    cursor: withStateMigrations(
      customSync ? customSync.cursorFactory(router, name) : buildCursorFactory(router, incremental),
      migrate,
    ),
    manifest: component,
  };
}

/** Builds a DeclarativeStream from its component. */
export function buildDeclarativeStream(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
  concurrency?: number,
): DeclarativeStream {
  return new DeclarativeStream({ ...buildStreamParts(ctx, component, path), concurrency });
}

/** A parent stream of a substream, read slice by slice. */
export function buildParentReader(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
): ParentReader {
  if (component.type === "StateDelegatingStream") {
    const full = component.full_refresh_stream;
    const inc = component.incremental_stream;
    const fullReader = isObject(full)
      ? buildParentReader(ctx, full, [...path, "full_refresh_stream"])
      : undefined;
    const incReader = isObject(inc)
      ? buildParentReader(ctx, inc, [...path, "incremental_stream"])
      : undefined;
    const reader = fullReader ?? incReader;
    if (!reader) {
      return invalid(ctx, path, "a StateDelegatingStream needs full_refresh_stream and incremental_stream");
    }
    let used = reader;
    return {
      name: reader.name,
      read(run, state, incremental) {
        used = state && Object.keys(state).length > 0 && incReader ? incReader : reader;
        return used.read(run, state, incremental);
      },
      state: () => used.state(),
    };
  }
  const parts = buildStreamParts(ctx, component, path);
  let cursor: SliceCursor | undefined;
  return {
    name: parts.name,
    async *read(run: RunContext, state: JsonObject | undefined, incremental: boolean) {
      const options: ReadOptions = { syncMode: incremental ? "incremental" : "full_refresh", state };
      const base: RunContext = { ctx: run.ctx, stream: parts.name };
      cursor = parts.cursor(options, base);
      const own: RunContext = { ...base, cursor };
      for await (const slice of cursor.slices(run.ctx) as AsyncIterable<StreamSlice>) {
        for await (const record of parts.reader.readSlice(slice, own) as AsyncIterable<RecordData>) {
          cursor.observe(record, slice);
          yield { record, slice };
        }
        cursor.close(slice);
      }
    },
    state: () => cursor?.state(),
  };
}
