/**
 * The soak workload shared by the soak test (20 k records) and bench/soak.ts (1 M records / 10 k pages): a
 * sharded API on the fault server with seeded 503/429 injected, read through the CLI by a declarative manifest
 * (ListPartitionRouter + OffsetIncrement, concurrency_level) or a code connector (HttpStream with slices), and
 * an exactly-once / in-order tally of the output.
 * @module
 */
import { main } from "../cli.ts";
import { fakeEnv } from "../src/env.ts";
import type { CliIO } from "../src/cli/io.ts";
import { FinalStateCursor, type SliceCursor } from "../src/incremental/types.ts";
import { type HttpRequestContext, HttpStream, type NextPageContext } from "../src/source/http_stream.ts";
import type { ReadContext, ReadOptions, StreamSlice } from "../src/source/types.ts";
import type { RecordData } from "../src/types.ts";
import { catalogFor, fakeSource } from "./cli_helpers.ts";
import { type FaultServer, startFaultServer } from "./fault_server.ts";

/** Shape of a soak run. */
export interface SoakShape {
  shards: number;
  perShard: number;
  pageSize: number;
  /** Partitions read at once. */
  concurrency: number;
  seed: number;
  rate503: number;
  rate429: number;
}

/** What a soak run produced. */
export interface SoakResult {
  expected: number;
  received: number;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  requests: number;
  injectedFailures: number;
  exitCode: number;
  ms: number;
  states: number;
  /** The last STATE message's `state`. */
  lastState?: unknown;
}

/** Starts the sharded API: `GET /rows?shard=S&offset=O&limit=L` → `{rows: [{id, shard, seq}]}`. */
export function startShardApi(shape: SoakShape): FaultServer {
  const pages = shape.shards * Math.ceil(shape.perShard / shape.pageSize) + shape.shards;
  return startFaultServer({
    maxRequests: Math.ceil(pages * 1.5) + 100,
    keepRequests: 0,
    flaky: { rate503: shape.rate503, rate429: shape.rate429, seed: shape.seed },
    handler: (r) => {
      const shard = Number(r.query.shard);
      const offset = Number(r.query.offset ?? 0);
      const limit = Number(r.query.limit ?? shape.pageSize);
      const n = Math.max(0, Math.min(limit, shape.perShard - offset));
      const rows = Array.from(
        { length: n },
        (_, i) => ({ id: `${shard}:${offset + i}`, shard, seq: offset + i }),
      );
      return { kind: "json", body: { rows } };
    },
  });
}

/** The declarative version of the sharded stream. */
export function soakManifest(base: string, shape: SoakShape): string {
  const shards = Array.from({ length: shape.shards }, (_, i) => `"${i}"`).join(", ");
  return `
version: 6.0.0
type: DeclarativeSource
check: {type: CheckStream, stream_names: [rows]}
concurrency_level: {type: ConcurrencyLevel, default_concurrency: ${shape.concurrency}, max_concurrency: ${shape.concurrency}}
streams:
  - type: DeclarativeStream
    name: rows
    primary_key: id
    schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
    retriever:
      type: SimpleRetriever
      requester: {type: HttpRequester, url_base: "${base}", path: /rows, http_method: GET}
      record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [rows]}}
      paginator:
        type: DefaultPaginator
        page_size_option: {type: RequestOption, inject_into: request_parameter, field_name: limit}
        page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: offset}
        pagination_strategy: {type: OffsetIncrement, page_size: ${shape.pageSize}}
      partition_router:
        type: ListPartitionRouter
        values: [${shards}]
        cursor_field: shard
        request_option: {type: RequestOption, inject_into: request_parameter, field_name: shard}
spec:
  type: Spec
  connection_specification: {type: object, properties: {}}
`;
}

/** The code-connector version of the sharded stream. */
export class ShardRows extends HttpStream {
  readonly name = "rows";
  constructor(readonly urlBase: string, readonly shape: SoakShape) {
    super();
  }
  path(): string {
    return "/rows";
  }
  override requestParams({ slice, pageToken }: HttpRequestContext): Record<string, number | undefined> {
    return {
      shard: slice.partition.shard as number,
      offset: pageToken as number | undefined,
      limit: this.shape.pageSize,
    };
  }
  parseResponse(body: unknown): RecordData[] {
    return (body as { rows: RecordData[] }).rows;
  }
  override nextPageToken({ body, pageToken }: NextPageContext): number | undefined {
    const rows = (body as { rows: unknown[] }).rows;
    return rows.length < this.shape.pageSize
      ? undefined
      : ((pageToken as number | undefined) ?? 0) + rows.length;
  }
  override createCursor(_options: ReadOptions, _ctx: ReadContext): SliceCursor {
    const slices: StreamSlice[] = Array.from(
      { length: this.shape.shards },
      (_, shard) => ({ partition: { shard }, cursor_slice: {} }),
    );
    return new FinalStateCursor(() => slices);
  }
}

/** Runs one soak read through the CLI and tallies stdout line by line (no full buffering for 1 M records). */
export async function runSoak(kind: "manifest" | "code", shape: SoakShape): Promise<SoakResult> {
  const server = startShardApi(shape);
  const started = performance.now();
  const seen = new Map<number, number>(); // shard -> next expected seq
  const ids = new Set<string>();
  let received = 0, duplicated = 0, outOfOrder = 0, states = 0;
  let lastState: unknown;
  let carry = "";
  const decoder = new TextDecoder();
  const onLine = (line: string) => {
    if (line === "") return;
    const m = JSON.parse(line);
    if (m.type === "STATE") {
      states++;
      lastState = m.state;
    }
    if (m.type !== "RECORD") return;
    received++;
    const { id, shard, seq } = m.record.data as { id: string; shard: number | string; seq: number };
    if (ids.has(id)) duplicated++;
    ids.add(id);
    const s = Number(shard);
    const next = seen.get(s) ?? 0;
    if (seq !== next) outOfOrder++;
    seen.set(s, seq + 1);
  };
  const files: Record<string, string> = {
    "c.json": '{"api_key": "soak-key"}',
    "cat.json": JSON.stringify(catalogFor(["rows"])),
    "m.yaml": soakManifest(server.url, shape),
  };
  const io: CliIO = {
    stdout: (chunk) => {
      const text = carry + decoder.decode(chunk);
      const lines = text.split("\n");
      carry = lines.pop() ?? "";
      for (const line of lines) onLine(line);
    },
    stderr: () => {},
    readTextFile: (path) => Promise.resolve(files[path]),
    env: fakeEnv({ fetch: (request) => fetch(request) }),
    loadConnectors: () => Promise.resolve({ rows: () => fakeSource([new ShardRows(server.url, shape)]) }),
  };
  const args = ["read", "--config", "c.json", "--catalog", "cat.json"];
  if (kind === "manifest") args.push("--manifest", "m.yaml");
  else args.push("--connector", "rows", "--concurrency", String(shape.concurrency));
  let exitCode: number;
  try {
    exitCode = await main(args, io);
    onLine(carry);
  } finally {
    await server.close();
  }
  const expected = shape.shards * shape.perShard;
  return {
    expected,
    received,
    lost: expected - ids.size,
    duplicated,
    outOfOrder,
    requests: server.count(),
    injectedFailures: server.injected(),
    exitCode,
    ms: Math.round(performance.now() - started),
    states,
    lastState,
  };
}
