import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import type { JsonObject } from "../../types.ts";
import { api, manifest, read, records, states } from "./_test_api.ts";
import type { FactoryContext } from "./context.ts";
import { buildStateMigrations, legacyToPerPartitionStateMigration } from "./state_migrations.ts";

// The reference reading a substream (SubstreamPartitionRouter, partition_field "{{ parameters.pf }}" = list_id,
// DatetimeBasedCursor on "updated") with `state_migrations: [LegacyToPerPartitionStateMigration]` from a legacy,
// a non-migratable and an already per-partition state.
const golden = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/legacy_state_migration_reference.json", import.meta.url)),
) as Record<string, JsonObject> & { stream: JsonObject; routes: { path: string; json: unknown }[] };
const ctx: FactoryContext = { config: {}, components: {}, streamCache: new Map() };
const stream = JSON.parse(
  JSON.stringify(golden.stream).replaceAll("__BASE__", "https://api.test"),
) as JsonObject;

for (const name of ["legacy", "not_migrated_two_keys", "already"]) {
  const c = golden[name] as {
    state: JsonObject;
    records: JsonObject[];
    final_state: JsonObject;
    requests: string[];
  };
  Deno.test(`LegacyToPerPartitionStateMigration: migrated state reads like the reference (${name})`, async () => {
    const migrate = buildStateMigrations(ctx, stream, ["streams", 0])!;
    const { ctx: readCtx, requests } = api((url) =>
      golden.routes.find((r) => r.path === url.pathname)?.json ?? []
    );
    const msgs = await read(manifest([stream]), {}, readCtx, "members", "incremental", migrate(c.state));
    deepStrictEqual(records(msgs), c.records);
    deepStrictEqual(
      requests.map((r) => {
        const u = new URL(r.line.split(" ")[1]);
        return u.pathname + u.search;
      }).sort(),
      [...c.requests].sort(),
    );
    deepStrictEqual(states(msgs).at(-1), c.final_state);
  });
}

Deno.test("LegacyToPerPartitionStateMigration leaves other states alone", () => {
  const migrate = legacyToPerPartitionStateMigration(ctx, stream, ["m"]);
  const samples: JsonObject[] = [{}, { "1": "x" }, { "1": { other: 1 } }, { states: [] }];
  for (const state of samples) {
    strictEqual(migrate(state), state);
  }
  strictEqual(migrate(undefined), undefined);
  const twoParents = structuredClone(stream) as {
    retriever: { partition_router: { parent_stream_configs: unknown[] } };
  };
  const configs = twoParents.retriever.partition_router.parent_stream_configs;
  configs.push(configs[0]);
  const state = { "1": { updated: "2024-01-01" } };
  strictEqual(legacyToPerPartitionStateMigration(ctx, twoParents, ["m"])(state), state);
});

Deno.test("LegacyToPerPartitionStateMigration needs a substream, union or custom router", () => {
  const noRouter = { ...stream, retriever: { ...(stream.retriever as JsonObject), partition_router: null } };
  throws(() => legacyToPerPartitionStateMigration(ctx, noRouter, ["m"]), /SubstreamPartitionRouter/);
});

Deno.test("state_migrations run in order: an untyped entry is the legacy migration, custom ones come from the registry", () => {
  const components = {
    "x.Wrap": {
      kind: "state_migration",
      create: () => ({
        shouldMigrate: (s: JsonObject) => "states" in s,
        migrate: (s: JsonObject) => ({ ...s, wrapped: true }),
      }),
    },
  };
  const withCustom = {
    ...stream,
    state_migrations: [{ Type: "LegacyToPerPartitionStateMigration" }, {
      type: "CustomStateMigration",
      class_name: "x.Wrap",
    }],
  };
  const migrate = buildStateMigrations({ ...ctx, components }, withCustom, ["streams", 0])!;
  deepStrictEqual(migrate({ "5": { updated: "2024-01-02" } }), {
    states: [{ partition: { list_id: "5" }, cursor: { updated: "2024-01-02" } }],
    wrapped: true,
  });
});
