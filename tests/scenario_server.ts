/**
 * A loopback HTTP server that answers from a scripted scenario and records every request it receives.
 * Used by the conformance harness (tests/conformance_test.ts in-process, conformance/run_reference.py as a
 * standalone process: `deno run -A tests/scenario_server.ts scenario.json [run-index]` prints
 * `{"port":N}` on its first stdout line, serves until stdin closes, then prints the request log as one JSON
 * line and exits).
 *
 * Rules are tried in order; the first rule whose method, path, query subset and remaining `times` budget
 * match answers. Response bodies and headers may contain `__BASE__`, replaced by the server's base URL
 * (e.g. for next-page links), so goldens never hold a port number.
 * @module
 */

/** A scripted response. */
export interface ScenarioResponse {
  /** HTTP status (default 200). */
  status?: number;
  /** Response headers. */
  headers?: Record<string, string>;
  /** A JSON body (sent with `content-type: application/json` unless headers say otherwise). */
  json?: unknown;
  /** A text body (sent as given). */
  text?: string;
}

/** One rule of a scenario. */
export interface ScenarioRule extends ScenarioResponse {
  /** HTTP method to match (any when absent). */
  method?: string;
  /**
   * Path to match: exact (`/items`), a glob (`glob:/items/*` where `*` matches one segment and `**` anything)
   * or a regular expression (`re:^/items/\d+$`). Absent matches any path.
   */
  path?: string;
  /** Query parameters that must be present with these values (`null`: must be absent). Others are ignored. */
  query?: Record<string, string | null>;
  /** Request headers (lower-case names) that must be present with these values. */
  headers_match?: Record<string, string>;
  /** A substring the request body must contain. */
  body_contains?: string;
  /** The rule answers at most this many requests, then is skipped. */
  times?: number;
  /** Count `times` separately for each distinct request path. */
  per_path?: boolean;
}

/** A scenario: rules, a fallback and limits. */
export interface Scenario {
  /** Rules tried in order. */
  rules: ScenarioRule[];
  /** Answer for requests that no rule matches (default: 404 with a JSON error). */
  fallback?: ScenarioResponse;
  /** At most this many requests are answered (default 300); later ones get `limit_status`. */
  max_requests?: number;
  /** Status past `max_requests` (default 400: not retried by default error handlers, so runs end quickly). */
  limit_status?: number;
}

/** One recorded request. */
export interface RecordedRequest {
  /** Upper-case method. */
  method: string;
  /** URL path (percent-decoded). */
  path: string;
  /** Query pairs, sorted by name then value. */
  query: [string, string][];
  /** Request headers except transport noise, lower-case names, sorted. */
  headers: Record<string, string>;
  /** Request body text, if any. */
  body?: string;
}

/** Headers every HTTP client sets on its own; they say nothing about the connector. */
export const NOISE_HEADERS: ReadonlySet<string> = new Set([
  "host",
  "user-agent",
  "accept-encoding",
  "connection",
  "content-length",
  "accept-language",
  "sec-fetch-mode",
  "keep-alive",
  "transfer-encoding",
]);

/** Placeholder replaced by the server's base URL in responses (and by harnesses in configs). */
export const BASE_PLACEHOLDER = "__BASE__";

function globToRegExp(glob: string): RegExp {
  let out = "^";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      out += ".*";
      i++;
    } else if (c === "*") out += "[^/]*";
    else out += c.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(out + "$");
}

/**
 * Builds a path predicate from a rule's `path`.
 *
 * @example
 * ```ts
 * import { pathMatcher } from "./scenario_server.ts";
 * if (!pathMatcher("glob:/a/*")("/a/b") || pathMatcher("glob:/a/*")("/a/b/c")) throw new Error("glob");
 * ```
 */
export function pathMatcher(pattern: string | undefined): (path: string) => boolean {
  if (pattern === undefined) return () => true;
  if (pattern.startsWith("re:")) {
    const re = new RegExp(pattern.slice(3));
    return (path) => re.test(path);
  }
  if (pattern.startsWith("glob:")) {
    const re = globToRegExp(pattern.slice(5));
    return (path) => re.test(path);
  }
  return (path) => path === pattern;
}

/** Normalises a request into its recorded form. */
export async function recordRequest(request: Request): Promise<RecordedRequest> {
  const url = new URL(request.url);
  const query = [...url.searchParams.entries()].sort((a, b) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0
  );
  const headers: Record<string, string> = {};
  const names = [...request.headers.keys()].filter((n) => !NOISE_HEADERS.has(n)).sort();
  for (const name of names) {
    const value = request.headers.get(name) ?? "";
    if (name === "accept" && value === "*/*") continue;
    headers[name] = value;
  }
  const out: RecordedRequest = {
    method: request.method.toUpperCase(),
    path: decodeURIComponent(url.pathname),
    query,
    headers,
  };
  const body = request.body ? await request.text() : "";
  if (body !== "") out.body = body;
  return out;
}

function substitute(text: string, base: string): string {
  return text.split(BASE_PLACEHOLDER).join(base);
}

function toResponse(spec: ScenarioResponse, base: string): Response {
  const headers = new Headers();
  for (const [k, v] of Object.entries(spec.headers ?? {})) headers.set(k, substitute(v, base));
  let body: string | null = null;
  if (spec.json !== undefined) {
    body = substitute(JSON.stringify(spec.json), base);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  } else if (spec.text !== undefined) {
    body = substitute(spec.text, base);
  }
  const status = spec.status ?? 200;
  return new Response(status === 204 || status === 304 ? null : body, { status, headers });
}

/** A running scenario server. */
export interface RunningScenarioServer {
  /** `http://127.0.0.1:PORT`. */
  readonly baseUrl: string;
  /** The port. */
  readonly port: number;
  /** Requests received so far, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Stops the server. */
  close(): Promise<void>;
}

/**
 * Starts a scenario server on 127.0.0.1 with an ephemeral port.
 *
 * @example
 * ```ts
 * import { startScenarioServer } from "./scenario_server.ts";
 * const server = startScenarioServer({ rules: [{ path: "/x", json: { ok: true } }] });
 * const res = await fetch(`${server.baseUrl}/x?b=2&a=1`);
 * const body = await res.json();
 * await server.close();
 * if (body.ok !== true || server.requests[0].query[0][0] !== "a") throw new Error("scenario");
 * ```
 */
export function startScenarioServer(scenario: Scenario): RunningScenarioServer {
  const rules = scenario.rules.map((rule) => ({
    rule,
    path: pathMatcher(rule.path),
    used: new Map<string, number>(),
  }));
  const max = scenario.max_requests ?? 300;
  const requests: RecordedRequest[] = [];
  let base = "";
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const recorded = await recordRequest(request);
    requests.push(recorded);
    if (requests.length > max) {
      return new Response(JSON.stringify({ error: "scenario server: request limit reached" }), {
        status: scenario.limit_status ?? 400,
      });
    }
    const url = new URL(request.url);
    for (const entry of rules) {
      const { rule } = entry;
      if (rule.method && rule.method.toUpperCase() !== recorded.method) continue;
      if (!entry.path(recorded.path)) continue;
      if (rule.query) {
        let ok = true;
        for (const [k, v] of Object.entries(rule.query)) {
          const actual = url.searchParams.get(k);
          if (v === null ? actual !== null : actual !== v) ok = false;
        }
        if (!ok) continue;
      }
      if (rule.headers_match) {
        let ok = true;
        for (const [k, v] of Object.entries(rule.headers_match)) {
          if (request.headers.get(k) !== v) ok = false;
        }
        if (!ok) continue;
      }
      if (rule.body_contains !== undefined && !(recorded.body ?? "").includes(rule.body_contains)) continue;
      const key = rule.per_path ? recorded.path : "";
      const used = entry.used.get(key) ?? 0;
      if (rule.times !== undefined && used >= rule.times) continue;
      entry.used.set(key, used + 1);
      return toResponse(rule, base);
    }
    return toResponse(
      scenario.fallback ?? { status: 404, json: { error: `scenario server: no rule for ${recorded.path}` } },
      base,
    );
  });
  const port = server.addr.port;
  base = `http://127.0.0.1:${port}`;
  return {
    baseUrl: base,
    port,
    requests,
    close: async () => {
      await server.shutdown();
    },
  };
}

/** Picks the rules of run `index` of a scenario file (`runs[i].rules` override the top-level rules). */
export function scenarioForRun(file: Record<string, unknown>, index: number): Scenario {
  const runs = Array.isArray(file.runs) ? file.runs as Record<string, unknown>[] : [];
  const run = runs[index] ?? {};
  const rules = (Array.isArray(run.rules) ? run.rules : file.rules ?? []) as ScenarioRule[];
  return {
    rules,
    fallback: (run.fallback ?? file.fallback) as ScenarioResponse | undefined,
    max_requests: (run.max_requests ?? file.max_requests) as number | undefined,
    limit_status: (run.limit_status ?? file.limit_status) as number | undefined,
  };
}

async function standalone(args: string[]): Promise<void> {
  const [path, indexText] = args;
  if (!path) {
    console.error("usage: deno run -A tests/scenario_server.ts scenario.json [run-index]");
    Deno.exit(2);
  }
  const file = JSON.parse(await Deno.readTextFile(path)) as Record<string, unknown>;
  const server = startScenarioServer(scenarioForRun(file, Number(indexText ?? "0")));
  const encoder = new TextEncoder();
  await Deno.stdout.write(encoder.encode(JSON.stringify({ port: server.port }) + "\n"));
  // Serve until stdin closes, or at most 10 minutes.
  const deadline = setTimeout(() => Deno.exit(3), 600_000);
  const buf = new Uint8Array(1024);
  while ((await Deno.stdin.read(buf)) !== null) {
    // ignore input
  }
  clearTimeout(deadline);
  await server.close();
  await Deno.stdout.write(encoder.encode(JSON.stringify(server.requests) + "\n"));
}

if (import.meta.main) await standalone(Deno.args);
