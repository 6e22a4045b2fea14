/**
 * Delivery through the CLI against the fault server: the 20 k soak (manifest and code connector), and
 * seeded crash/resume trials of an incremental manifest (datetime windows, cursor pagination, equal cursor
 * values across page and window boundaries; per-partition state read with concurrency) killed at random
 * points and resumed from the last STATE it printed.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import type { AirbyteMessage } from "../src/protocol/messages.ts";
import { catalogFor } from "./cli_helpers.ts";
import { seededRandom, startFaultServer } from "./fault_server.ts";
import { cli, recordsOf, traceErrors } from "./reliability_helpers.ts";
import { runSoak, type SoakShape } from "./reliability_soak.ts";

const SOAK: SoakShape = {
  shards: 8,
  perShard: 2500,
  pageSize: 50,
  concurrency: 4,
  seed: 11,
  rate503: 0.05,
  rate429: 0.01,
};

for (const kind of ["manifest", "code"] as const) {
  Deno.test(`soak (${kind}): 20k records, 8 partitions x 4 concurrent, 5% 503 + 1% 429 → exactly once, in order`, async () => {
    const result = await runSoak(kind, SOAK);
    strictEqual(result.exitCode, 0);
    ok(result.injectedFailures >= 10, `only ${result.injectedFailures} failures injected`);
    deepStrictEqual(
      {
        received: result.received,
        lost: result.lost,
        duplicated: result.duplicated,
        outOfOrder: result.outOfOrder,
      },
      { received: 20_000, lost: 0, duplicated: 0, outOfOrder: 0 },
    );
    strictEqual(result.requests, SOAK.shards * (SOAK.perShard / SOAK.pageSize + 1) + result.injectedFailures);
    strictEqual(result.states, 1, "one final state");
    deepStrictEqual(result.lastState, {
      type: "STREAM",
      stream: { stream_descriptor: { name: "rows" }, stream_state: { __ab_no_cursor_state_message: true } },
      sourceStats: { recordCount: 20_000 },
    }, "Airbyte's full-refresh no-cursor state marker");
  });
}

// ---- crash / resume ----

const REGIONS = ["eu", "us", "ap"];
const DAYS = 6;
const DAY = 86_400_000;
const BASE = Date.UTC(2024, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

interface Event {
  id: string;
  region: string;
  updated_at: string;
}

// 3 regions x 6 days x 14 events; events share timestamps in threes, and several sit exactly on midnight,
// so equal cursor values straddle page (size 4) and window (1 day) boundaries.
const EVENTS: Event[] = REGIONS.flatMap((region) =>
  Array.from({ length: DAYS * 14 }, (_, i) => {
    const day = Math.floor(i / 14);
    const slot = Math.floor((i % 14) / 3); // 0..4
    return { id: `${region}-${i}`, region, updated_at: iso(BASE + day * DAY + slot * 6 * 3600_000) };
  })
).sort((a, b) => (a.updated_at < b.updated_at ? -1 : a.updated_at > b.updated_at ? 1 : a.id < b.id ? -1 : 1));

function incrementalManifest(base: string, partitioned: boolean): string {
  const router = partitioned
    ? `
      partition_router:
        type: ListPartitionRouter
        values: [${REGIONS.join(", ")}]
        cursor_field: region
        request_option: {type: RequestOption, inject_into: request_parameter, field_name: region}`
    : "";
  return `
version: 6.0.0
type: DeclarativeSource
check: {type: CheckStream, stream_names: [events]}
concurrency_level: {type: ConcurrencyLevel, default_concurrency: 3, max_concurrency: 3}
streams:
  - type: DeclarativeStream
    name: events
    primary_key: id
    schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
    incremental_sync:
      type: DatetimeBasedCursor
      cursor_field: updated_at
      datetime_format: "%Y-%m-%dT%H:%M:%SZ"
      start_datetime: "{{ config.start }}"
      end_datetime: "{{ config.end }}"
      step: P1D
      cursor_granularity: PT1S
      start_time_option: {type: RequestOption, inject_into: request_parameter, field_name: since}
      end_time_option: {type: RequestOption, inject_into: request_parameter, field_name: until}
    retriever:
      type: SimpleRetriever
      requester: {type: HttpRequester, url_base: "${base}", path: /events, http_method: GET}
      record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}
      paginator:
        type: DefaultPaginator
        page_token_option: {type: RequestOption, inject_into: request_parameter, field_name: cursor}
        pagination_strategy:
          type: CursorPagination
          cursor_value: "{{ response.next }}"
          stop_condition: "{{ not response.next }}"${router}
spec:
  type: Spec
  connection_specification:
    type: object
    properties: {start: {type: string}, end: {type: string}}
`;
}

const CONFIG = { start: iso(BASE), end: iso(BASE + DAYS * DAY) };

/** The events a request asks for (inclusive bounds, as the API documents). */
function page(query: Record<string, string>): { data: Event[]; next: string | null } {
  const rows = EVENTS.filter((e) =>
    (!query.region || e.region === query.region) && e.updated_at >= (query.since ?? "") &&
    e.updated_at <= (query.until ?? "9999")
  );
  const offset = Number(query.cursor ?? 0);
  const next = offset + 4 < rows.length ? String(offset + 4) : null;
  return { data: rows.slice(offset, offset + 4), next };
}

/** Cursor value a state claims for `region` (undefined: nothing claimed). */
function claimed(state: unknown, region: string, partitioned: boolean): string | undefined {
  const s = state as {
    stream?: {
      stream_state?: {
        updated_at?: string;
        states?: { partition: { region: string }; cursor: { updated_at: string } }[];
      };
    };
  };
  const ss = s.stream?.stream_state;
  if (!ss) return undefined;
  if (!partitioned) return ss.updated_at;
  return ss.states?.find((p) => p.partition.region === region)?.cursor.updated_at;
}

/**
 * Every STATE must be covered by the records printed before it: for each partition, every event strictly
 * before the claimed cursor value (and inside the read range) was already emitted.
 */
function checkStatesCovered(
  messages: AirbyteMessage[],
  partitioned: boolean,
  since: Map<string, string>,
  label: string,
): void {
  const emitted = new Set<string>();
  for (const m of messages) {
    if (m.type === "RECORD") emitted.add(m.record.data.id as string);
    if (m.type !== "STATE") continue;
    for (const region of REGIONS) {
      const value = claimed(m.state, region, partitioned);
      if (value === undefined) continue;
      const from = since.get(region) ?? "";
      const missing = EVENTS.filter((e) =>
        e.region === region && e.updated_at >= from && e.updated_at < value && !emitted.has(e.id)
      );
      deepStrictEqual(
        missing.map((e) => e.id),
        [],
        `${label}: a STATE claims ${region} up to ${value} before these records`,
      );
    }
  }
}

async function crashTrials(
  partitioned: boolean,
  trials: number,
  seed: number,
): Promise<{ gaps: number; dups: number; aborted: number; resumedFromState: number }> {
  const random = seededRandom(seed);
  let gaps = 0;
  let dups = 0;
  let aborted = 0;
  let resumedFromState = 0;
  for (let trial = 0; trial < trials; trial++) {
    const controller = new AbortController();
    let served = 0;
    // kill by aborting after N requests or N served records, or by an API that starts failing (HTTP 500
    // until the retries are exhausted) after N requests
    // "one-500": only one partition (region "us", or the windows from day 4 on) fails while the others go on
    const how = (["request", "record", "http-500", "one-500"] as const)[trial % 4];
    const byRecords = how === "record";
    const killAt = byRecords ? 1 + Math.floor(random() * EVENTS.length) : 1 + Math.floor(random() * 60);
    let failing = false;
    let firstRunOver = false;
    const server = startFaultServer({
      maxRequests: 600,
      handler: (r) => {
        if (!firstRunOver && how === "http-500" && r.n >= killAt) failing = true;
        if (failing && !firstRunOver) return { kind: "status", status: 500, body: "down" };
        const victim = r.query.region === "us" || (!r.query.region && r.query.since >= iso(BASE + 3 * DAY));
        if (!firstRunOver && how === "one-500" && r.n >= killAt && victim) {
          failing = true;
          return { kind: "status", status: 500, body: "down" };
        }
        const body = page(r.query);
        served += body.data.length;
        if (
          how !== "http-500" && how !== "one-500" && !controller.signal.aborted &&
          (byRecords ? served >= killAt : r.n >= killAt)
        ) {
          controller.abort();
        }
        return { kind: "json", body };
      },
    });
    const label = `${partitioned ? "partitioned" : "global"} trial ${trial} (kill: ${how} ${killAt})`;
    try {
      const manifest = incrementalManifest(server.url, partitioned);
      const catalog = catalogFor(["events"], "incremental");
      const first = await cli("read", { manifest, config: CONFIG, catalog, signal: controller.signal });
      const firstIds = recordsOf(first.messages).map((r) => r.id as string);
      checkStatesCovered(first.messages, partitioned, new Map(), label);
      const states = first.messages.filter((m) => m.type === "STATE");
      const last = states.at(-1);
      firstRunOver = true;
      if (controller.signal.aborted || failing) {
        aborted++;
        ok(first.code !== 0, `${label}: an interrupted read exits non-zero`);
        if (last) resumedFromState++;
      }
      const resumed = await cli("read", {
        manifest,
        config: CONFIG,
        catalog,
        state: last ? [last] : [],
      });
      strictEqual(resumed.code, 0, `${label}: ${JSON.stringify(traceErrors(resumed.messages))}`);
      const since = new Map(REGIONS.map((r) => [r, last ? claimed(last.state, r, partitioned) ?? "" : ""]));
      checkStatesCovered(resumed.messages, partitioned, since, `${label} (resumed)`);
      const secondIds = recordsOf(resumed.messages).map((r) => r.id as string);
      const union = new Set([...firstIds, ...secondIds]);
      const missing = EVENTS.filter((e) => !union.has(e.id)).map((e) => e.id);
      gaps += missing.length;
      deepStrictEqual(missing, [], `${label}: records lost across the resume`);
      // duplicates only inside the unfinished window: at or after what the last state claimed
      const firstSet = new Set(firstIds);
      const byId = new Map(EVENTS.map((e) => [e.id, e]));
      for (const id of secondIds) {
        if (!firstSet.has(id)) continue;
        dups++;
        const e = byId.get(id)!;
        const from = since.get(e.region) ?? "";
        ok(
          e.updated_at >= from,
          `${label}: ${id} (${e.updated_at}) re-read although the state claimed ${from}`,
        );
      }
      strictEqual(new Set(secondIds).size, secondIds.length, `${label}: duplicates within one read`);
    } finally {
      await server.close();
    }
  }
  return { gaps, dups, aborted, resumedFromState };
}

Deno.test("crash/resume (global datetime state): 25 seeded kills (aborts and HTTP failures) through CLI main() → no gaps, duplicates only in the unfinished window", async () => {
  const { gaps, aborted, resumedFromState } = await crashTrials(false, 25, 101);
  strictEqual(gaps, 0);
  ok(aborted >= 20 && resumedFromState >= 12, `${aborted} aborted, ${resumedFromState} resumed from a state`);
});

Deno.test("crash/resume (per-partition state, 3 partitions read concurrently): 25 seeded kills → no gaps, no state past unfinished partitions", async () => {
  const { gaps, aborted, resumedFromState } = await crashTrials(true, 25, 202);
  strictEqual(gaps, 0);
  ok(aborted >= 20 && resumedFromState >= 12, `${aborted} aborted, ${resumedFromState} resumed from a state`);
});

Deno.test("an uninterrupted incremental read emits every event once, and its final state resumes to nothing new", async () => {
  for (const partitioned of [false, true]) {
    const server = startFaultServer({
      maxRequests: 400,
      handler: (r) => ({ kind: "json", body: page(r.query) }),
    });
    try {
      const manifest = incrementalManifest(server.url, partitioned);
      const catalog = catalogFor(["events"], "incremental");
      const full = await cli("read", { manifest, config: CONFIG, catalog });
      strictEqual(full.code, 0);
      const ids = recordsOf(full.messages).map((r) => r.id as string);
      deepStrictEqual([...ids].sort(), EVENTS.map((e) => e.id).sort());
      const last = full.messages.filter((m) => m.type === "STATE").at(-1)!;
      for (const region of REGIONS) {
        strictEqual(claimed(last.state, region, partitioned), CONFIG.end, `${partitioned} ${region}`);
      }
      const again = await cli("read", { manifest, config: CONFIG, catalog, state: [last] });
      strictEqual(again.code, 0);
      // only events at exactly the claimed end (inclusive start) may be re-read
      ok(recordsOf(again.messages).every((r) => EVENTS.find((e) => e.id === r.id)!.updated_at >= CONFIG.end));
    } finally {
      await server.close();
    }
  }
});

// ---- crash/resume of the example-shop code connector (all four streams) through the CLI ----

Deno.test("crash/resume (example-shop code connector, 4 streams incl. substream + OAuth): 25 seeded kills → no gaps", async () => {
  const { startSampleApi } = await import("../connectors/sample_api.ts");
  const { connectors } = await import("../connectors/mod.ts");
  const { fakeEnv } = await import("../src/env.ts");
  const { runCli } = await import("./cli_helpers.ts");
  const { main } = await import("../cli.ts");
  const api = await startSampleApi({
    token: "shop-tok",
    orders: 17,
    customers: 9,
    payments: 11,
    failEvery: 7,
  });
  const streams = ["customers", "orders", "order_items", "payments"];
  const catalog = {
    streams: streams.map((name) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh", "incremental"] },
      sync_mode: name === "customers" ? "full_refresh" : "incremental",
      destination_sync_mode: "append",
    })),
  };
  const config = {
    api_url: api.url,
    api_token: "shop-tok",
    page_size: 3,
    oauth: { client_id: "shop-client", client_secret: "shop-secret", refresh_token: "shop-refresh" },
  };
  const key = (m: AirbyteMessage) =>
    m.type === "RECORD"
      ? `${m.record.stream}:${JSON.stringify(m.record.data.id ?? m.record.data)}`
      : undefined;
  const run = async (state: unknown, killAt: number) => {
    const controller = new AbortController();
    let requests = 0;
    const env = fakeEnv({
      fetch: (request) => {
        if (++requests >= killAt) controller.abort(new Error("killed"));
        return fetch(request);
      },
    });
    const files: Record<string, string | object> = { "c.json": config, "cat.json": catalog };
    const args = ["read", "--connector", "example-shop", "--config", "c.json", "--catalog", "cat.json"];
    if (state) {
      files["s.json"] = state as object;
      args.push("--state", "s.json");
    }
    return await runCli(main, args, { files, connectors, env, signal: controller.signal });
  };
  try {
    const full = await run(undefined, Infinity);
    strictEqual(full.code, 0, JSON.stringify(traceErrors(full.messages)));
    const all = new Set(full.messages.map(key).filter((k) => k !== undefined));
    ok(all.size > 40, `${all.size} records in a full read`);
    const random = seededRandom(303);
    let interrupted = 0;
    for (let trial = 0; trial < 25; trial++) {
      const killAt = 1 + Math.floor(random() * 45);
      const first = await run(undefined, killAt);
      const states = first.messages.filter((m) => m.type === "STATE").map((m) =>
        m.type === "STATE" && m.state
      );
      if (first.code !== 0) interrupted++;
      // the last state per stream, as the platform keeps it
      const last = new Map<string, unknown>();
      for (const s of states) {
        const state = s as { stream?: { stream_descriptor: { name: string } } };
        if (state.stream) last.set(state.stream.stream_descriptor.name, state);
      }
      const second = await run([...last.values()], Infinity);
      strictEqual(second.code, 0, `trial ${trial}: ${JSON.stringify(traceErrors(second.messages))}`);
      const union = new Set([...first.messages, ...second.messages].map(key).filter((k) => k !== undefined));
      const missing = [...all].filter((k) => !union.has(k));
      deepStrictEqual(
        missing,
        [],
        `trial ${trial} (killed at request ${killAt}): records lost across the resume`,
      );
    }
    ok(interrupted >= 15, `${interrupted} of 25 reads were interrupted`);
  } finally {
    await api.close();
  }
});
