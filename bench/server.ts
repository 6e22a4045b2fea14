/**
 * The bench API, run as its own process (so client and server do not share an event loop):
 * `deno run -A bench/server.ts` prints `{"port":N}` on stdout and serves until stdin closes or SIGTERM.
 *
 * - `GET /items?offset=&limit=&total=&latency=&part=&run=` → `{"data":[…],"next":OFFSET|null}` after
 *   `latency` ms (keep-alive, Content-Length). Pages are cached (up to ~96 MB) so every contender is served
 *   the same way; `GET /warm?limit=&total=` fills the cache before a timed run.
 * - `GET /stats?run=ID` → `{"first":EPOCH_MS,"last":EPOCH_MS,"requests":N}` for requests tagged `run=ID`
 *   (the harness times reads from the first request, excluding process start-up).
 * @module
 */
import { pageBody } from "./records.ts";

const CACHE_LIMIT = 96 * 1024 * 1024;
const cache = new Map<string, string>();
let cached = 0;
const runs = new Map<string, { first: number; last: number; requests: number }>();

function now(): number {
  return performance.timeOrigin + performance.now();
}

function body(offset: number, limit: number, total: number, part: string): string {
  const key = `${offset}:${limit}:${total}:${part}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const text = pageBody(offset, limit, total, part);
  if (cached + text.length <= CACHE_LIMIT) {
    cache.set(key, text);
    cached += text.length;
  }
  return text;
}

function int(params: URLSearchParams, name: string, fallback: number): number {
  const value = Number(params.get(name) ?? fallback);
  return Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}

const JSON_HEADERS = { "content-type": "application/json" };

async function handle(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const q = url.searchParams;
  if (url.pathname === "/items") {
    const run = q.get("run") ?? "";
    if (run !== "") {
      const t = now();
      const stats = runs.get(run);
      if (stats) {
        stats.last = t;
        stats.requests++;
      } else runs.set(run, { first: t, last: t, requests: 1 });
    }
    const text = body(
      int(q, "offset", 0),
      Math.max(1, int(q, "limit", 100)),
      int(q, "total", 1000),
      q.get("part") ?? "",
    );
    const latency = int(q, "latency", 0);
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    return new Response(text, { headers: JSON_HEADERS });
  }
  if (url.pathname === "/warm") {
    const limit = Math.max(1, int(q, "limit", 100));
    const total = int(q, "total", 1000);
    const part = q.get("part") ?? "";
    for (let offset = 0; offset < total && cached < CACHE_LIMIT; offset += limit) {
      body(offset, limit, total, part);
    }
    return Response.json({ cachedBytes: cached });
  }
  if (url.pathname === "/stats") {
    return Response.json(runs.get(q.get("run") ?? "") ?? null);
  }
  return new Response("not found", { status: 404 });
}

const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handle);
console.log(JSON.stringify({ port: server.addr.port }));
const stop = () => server.shutdown();
Deno.addSignalListener("SIGTERM", stop);
// The harness closes our stdin when it is done (also if it dies): stop then.
(async () => {
  for await (const _ of Deno.stdin.readable) { /* ignore input */ }
  await stop();
})();
await server.finished;
Deno.exit(0);
