import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { enableParentCache } from "./parent_cache.ts";

type Obj = Record<string, unknown>;
const stream = (name: string, extra: Obj = {}, requester: Obj = {}): Obj => ({
  type: "DeclarativeStream",
  name,
  retriever: {
    type: "SimpleRetriever",
    requester: { type: "HttpRequester", path: name, ...requester },
    ...extra,
  },
});
const child = (name: string, router: Obj): Obj => stream(name, { partition_router: router });
const substream = (parent: Obj): Obj => ({
  type: "SubstreamPartitionRouter",
  parent_stream_configs: [{
    type: "ParentStreamConfig",
    parent_key: "id",
    partition_field: "id",
    stream: parent,
  }],
});
const useCache = (s: unknown): unknown => ((s as Obj).retriever as { requester: Obj }).requester.use_cache;

Deno.test("enableParentCache: parents (nested in grouping routers, in dynamic templates) and same-named streams", () => {
  const users = stream("users");
  const teams = stream("teams");
  const resolved = {
    streams: [
      users,
      teams,
      child("posts", { type: "GroupingPartitionRouter", underlying_partition_router: substream(users) }),
    ],
    dynamic_streams: [{ stream_template: child("members", substream(teams)) }],
  };
  const { manifest, cached } = enableParentCache(resolved);
  strictEqual(cached, true);
  const streams = manifest.streams as Obj[];
  deepStrictEqual(streams.map(useCache), [true, true, undefined]);
  const posts = (streams[2].retriever as Obj).partition_router as Obj;
  const parent = ((posts.underlying_partition_router as Obj).parent_stream_configs as Obj[])[0].stream;
  strictEqual(useCache(parent), true);
  // the input is not changed
  strictEqual(useCache(users), undefined);
});

Deno.test("enableParentCache: an explicit use_cache false is respected; StateDelegatingStream parents", () => {
  const scroll = stream("scroll", {}, { use_cache: false });
  const delegating = {
    type: "StateDelegatingStream",
    name: "orders",
    full_refresh_stream: stream("orders"),
    incremental_stream: stream("orders"),
  };
  const { manifest, cached } = enableParentCache({
    streams: [scroll, child("a", substream(scroll)), child("b", substream(delegating))],
  });
  strictEqual(useCache((manifest.streams as Obj[])[0]), false);
  const b = ((manifest.streams as Obj[])[2].retriever as Obj).partition_router as Obj;
  const parent = (b.parent_stream_configs as Obj[])[0].stream as Obj;
  deepStrictEqual([useCache(parent.full_refresh_stream), useCache(parent.incremental_stream)], [true, true]);
  strictEqual(cached, true);
  strictEqual(enableParentCache({ streams: [stream("solo")] }).cached, false);
});
