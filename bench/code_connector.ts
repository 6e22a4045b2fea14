/**
 * The bench API as a spout code connector (typed `HttpStream` API), and its CLI entry:
 * `deno run -A bench/code_connector.ts read --connector bench --config … --catalog …` runs the real CLI
 * (`run()` → `main()`) with this connector registered as `bench`.
 *
 * Config (same as bench/bench_manifest.yaml): `api_url`, `total`, `page_size`, optional `latency_ms`, `run`,
 * `partitions` (count, for `items_partitioned`), `concurrency`.
 * @module
 */
import { type HttpRequestContext, HttpStream, type NextPageContext } from "../src/source/http_stream.ts";
import { AbstractSource } from "../src/source/source.ts";
import type { ConnectorSpec, ReadContext, Stream, StreamSlice } from "../src/source/types.ts";
import type { JsonObject, RecordData } from "../src/types.ts";

/** Bench connector config. */
export interface BenchConfig {
  /** Base URL of the bench server. */
  api_url: string;
  /** Records per partition. */
  total: number;
  /** Records per page. */
  page_size: number;
  /** Server-side latency per response (ms). */
  latency_ms?: number;
  /** Run id the server uses to time the read. */
  run?: string;
  /** Partitions of `items_partitioned` (default 8). */
  partitions?: number;
  /** Partitions read at once (default 1). */
  concurrency?: number;
}

/** The bench items: offset pagination following the body's `next`. */
export class BenchItems extends HttpStream {
  /** Stream name. */
  readonly name: string = "items";
  /** Base URL. */
  readonly urlBase: string;
  override readonly primaryKey = [["id"]];
  readonly #params: Record<string, string>;

  /** A stream over `config`. */
  constructor(readonly config: BenchConfig) {
    super();
    this.urlBase = config.api_url;
    this.#params = {
      limit: String(config.page_size),
      total: String(config.total),
      latency: String(config.latency_ms ?? 0),
      run: config.run ?? "",
    };
  }
  /** The items path. */
  path(): string {
    return "items";
  }
  /** Offset, page size, and the bench knobs. */
  override requestParams({ pageToken, slice }: HttpRequestContext): Record<string, string | number> {
    const part = slice.partition.part;
    return {
      ...this.#params,
      offset: (pageToken as number | undefined) ?? 0,
      ...(typeof part === "string" ? { part } : {}),
    };
  }
  /** Records are under `data`. */
  parseResponse(body: unknown): RecordData[] {
    return (body as { data: RecordData[] }).data;
  }
  /** The body's `next` offset. */
  override nextPageToken({ body }: NextPageContext): number | undefined {
    return (body as { next: number | null }).next ?? undefined;
  }
}

/** The same items split into partitions `p0 … pN-1`, read `concurrency` at a time. */
export class BenchPartitionedItems extends BenchItems {
  override readonly name = "items_partitioned";
  override readonly concurrency: number;
  /** A partitioned stream over `config`. */
  constructor(config: BenchConfig) {
    super(config);
    this.concurrency = config.concurrency ?? 1;
  }
  /** One slice per partition. */
  override slices(): StreamSlice[] {
    const n = this.config.partitions ?? 8;
    return Array.from({ length: n }, (_, i) => ({ partition: { part: `p${i}` }, cursor_slice: {} }));
  }
}

/** The bench source. */
export class BenchSource extends AbstractSource {
  /** Spec. */
  readonly specification: ConnectorSpec = {
    connectionSpecification: {
      type: "object",
      required: ["api_url", "total", "page_size"],
      properties: {
        api_url: { type: "string" },
        total: { type: "integer" },
        page_size: { type: "integer" },
        latency_ms: { type: "integer" },
        run: { type: "string" },
        partitions: { type: "integer" },
        concurrency: { type: "integer" },
      },
    },
  };
  override readonly checkStreamName = "items";
  /** The two bench streams. */
  streams(config: JsonObject, _ctx: ReadContext): Promise<Stream[]> {
    const c = config as unknown as BenchConfig;
    return Promise.resolve([new BenchItems(c), new BenchPartitionedItems(c)]);
  }
}

if (import.meta.main) {
  const { run } = await import("../src/cli/run.ts");
  const process = (await import("node:process")).default;
  process.exit(
    await run(Deno.args, { loadConnectors: () => Promise.resolve({ bench: () => new BenchSource() }) }),
  );
}
