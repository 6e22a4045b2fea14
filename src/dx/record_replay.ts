/**
 * Record/replay of HTTP exchanges as `Env.fetch` wrappers: {@link recordingFetch} saves every exchange (secrets
 * masked) as one JSON file per exchange, {@link replayFetch} answers requests from those files with no network,
 * so a connector's tests run offline and deterministically.
 *
 * Files are named `0001-GET-customers.json` (sequence, method, path slug) and hold
 * `{ request: { method, url, headers, body? }, response: { status, headers, body? | bodyBase64? } }`.
 * Replay matches on method, path + query (parameter order and percent-encoding ignored) and body (the origin
 * is ignored, so fixtures recorded against a loopback port replay against any base URL); a masked value (`****`) in a recorded URL or body matches any
 * text, and JSON bodies match structurally. Credential-named JSON and form fields (`access_token`,
 * `refresh_token`, `password`, …) are redacted on top of the masker, since tokens an API issues are not known
 * to the masker yet when their response is recorded. Repeated identical requests get the recorded answers in order; a request with no unused match fails
 * with `http_replay_unmatched`, naming the request and the closest recorded ones.
 * @module
 */
import { SpoutError } from "../errors.ts";
import { CredentialRegistry } from "../http/credentials.ts";
import type { Requester } from "../http/requester.ts";
import { MASK } from "../secrets.ts";
import { type FixtureFs, joinPath, nodeFs } from "./fixture_fs.ts";
import { bodyMatcher, isCredentialHeaderName, maskedMatcher, redactCredentials } from "./redact.ts";

/** Anything that masks secrets in text (a `SecretMasker`). */
export interface TextMasker {
  /** Returns `text` with secrets replaced. */
  mask(text: string): string;
}

/** One recorded exchange (the JSON file's content). */
export interface RecordedExchange {
  /** The request as sent (masked). */
  request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
    bodyBase64?: string;
  };
  /** The response as received (masked). */
  response: {
    status: number;
    statusText?: string;
    headers: Record<string, string>;
    body?: string;
    bodyBase64?: string;
  };
}

/** Options of {@link recordingFetch}. */
export interface RecordOptions {
  /** File system (default `node:fs`). */
  fs?: FixtureFs;
  /** Header / query parameter names whose values are always hidden (Authorization and Cookie are). */
  credentials?: CredentialRegistry;
  /** Keep existing exchange files in `dir` (default: they are removed before the first new one is saved). */
  keepExisting?: boolean;
}

/** Options of {@link replayFetch}. */
export interface ReplayOptions {
  /** File system (default `node:fs`). */
  fs?: FixtureFs;
  /** Masks the incoming request like the recording did (optional: masked recorded values match anything). */
  masker?: TextMasker;
}

const EXCHANGE_FILE = /^\d{4,}-.*\.json$/;
const TEXTUAL =
  /^(text\/|application\/([\w.+-]*\+)?(json|xml|x-www-form-urlencoded|javascript|x-ndjson|csv))/i;

function slug(url: string): string {
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    // keep the raw text
  }
  const cleaned = path.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40);
  return cleaned === "" ? "root" : cleaned;
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function isTextual(headers: Headers, bytes: Uint8Array): boolean {
  const type = headers.get("content-type");
  if (type !== null && TEXTUAL.test(type)) return true;
  if (type !== null) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function encodeBody(
  headers: Headers,
  bytes: Uint8Array,
  masker: TextMasker | undefined,
  redact = false,
): { body?: string; bodyBase64?: string } {
  if (bytes.length === 0) return {};
  if (isTextual(headers, bytes)) {
    let text = new TextDecoder().decode(bytes);
    if (redact) text = redactCredentials(text, headers.get("content-type") ?? "");
    return { body: masker ? masker.mask(text) : text };
  }
  return { bodyBase64: base64(bytes) };
}

function headerRecord(
  headers: Headers,
  masker: TextMasker | undefined,
  credentials: CredentialRegistry,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    const hidden = credentials.isCredentialHeader(name) || isCredentialHeaderName(name);
    out[name] = hidden ? MASK : masker ? masker.mask(value) : value;
  }
  return out;
}

/**
 * Wraps a fetch so every exchange is saved under `dir` (secrets masked with `masker`; Authorization, Cookie
 * and registered credential headers always hidden). The response is returned unchanged to the caller; the file
 * is written before the response is handed back, so a finished read has all its files on disk.
 *
 * @example
 * ```ts
 * import { recordingFetch, replayFetch } from "./record_replay.ts";
 * import { memoryFs } from "./fixture_fs.ts";
 * const fs = memoryFs();
 * const live = () => Promise.resolve(Response.json({ items: [1, 2] }));
 * const masker = { mask: (t: string) => t.replaceAll("tok123", "****") };
 * const rec = recordingFetch(live, "fx", masker, { fs });
 * await rec(new Request("http://127.0.0.1:9/items?key=tok123"));
 * const saved = [...fs.files.values()][0];
 * if (saved.includes("tok123")) throw new Error("secret saved");
 * const replay = replayFetch("fx", { fs });
 * const body = await (await replay(new Request("http://other.host/items?key=anything"))).json();
 * if (body.items.length !== 2) throw new Error("replay");
 * ```
 */
export function recordingFetch(
  fetch: Requester,
  dir: string,
  masker?: TextMasker,
  options: RecordOptions = {},
): Requester {
  const fs = options.fs ?? nodeFs();
  const credentials = options.credentials ?? new CredentialRegistry();
  let sequence = 0;
  let ready: Promise<void> | undefined;
  const prepare = async () => {
    await fs.mkdir(dir);
    if (options.keepExisting) {
      const existing = (await fs.readDir(dir)).filter((name) => EXCHANGE_FILE.test(name));
      sequence = existing.reduce((max, name) => Math.max(max, Number.parseInt(name, 10) || 0), 0);
      return;
    }
    for (const name of await fs.readDir(dir)) {
      if (EXCHANGE_FILE.test(name)) await fs.remove(joinPath(dir, name));
    }
  };
  const maskUrl = (url: string) => {
    const hidden = credentials.maskUrl(url);
    return masker ? masker.mask(hidden) : hidden;
  };
  return async (request) => {
    await (ready ??= prepare());
    const n = ++sequence;
    const requestBytes = request.body
      ? new Uint8Array(await request.clone().arrayBuffer())
      : new Uint8Array();
    const response = await fetch(request);
    const responseBytes = new Uint8Array(await response.arrayBuffer());
    const exchange: RecordedExchange = {
      request: {
        method: request.method,
        url: maskUrl(request.url),
        headers: headerRecord(request.headers, masker, credentials),
        ...encodeBody(request.headers, requestBytes, masker, true),
      },
      response: {
        status: response.status,
        ...(response.statusText ? { statusText: response.statusText } : {}),
        headers: headerRecord(response.headers, masker, credentials),
        ...encodeBody(response.headers, responseBytes, masker, true),
      },
    };
    const name = `${String(n).padStart(4, "0")}-${request.method}-${slug(request.url)}.json`;
    await fs.writeTextFile(joinPath(dir, name), JSON.stringify(exchange, null, 2) + "\n");
    const replayed = new Response(response.status === 204 || response.status === 304 ? null : responseBytes, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    Object.defineProperty(replayed, "url", { value: response.url || request.url });
    return replayed;
  };
}

/** Path plus query with parameters decoded and sorted (parameter order and encoding do not matter). */
function pathAndQuery(url: string): string {
  try {
    const u = new URL(url);
    const pairs = [...u.searchParams].map(([k, v]) => `${k}=${v}`).sort();
    return u.pathname + (pairs.length > 0 ? "?" + pairs.join("&") : "");
  } catch {
    return url;
  }
}

interface Entry {
  name: string;
  exchange: RecordedExchange;
  matchUrl: (actual: string) => boolean;
  matchBody: (actual: string) => boolean;
  used: boolean;
}

function requestBodyText(exchange: RecordedExchange): string {
  return exchange.request.body ?? exchange.request.bodyBase64 ?? "";
}

/**
 * A fetch that answers from the exchanges saved by {@link recordingFetch} in `dir`, never touching the network.
 * Throws a `http_replay_unmatched` {@link SpoutError} for a request with no unused recorded match.
 *
 * @example
 * ```ts
 * import { replayFetch } from "./record_replay.ts";
 * import { memoryFs } from "./fixture_fs.ts";
 * const fs = memoryFs();
 * await fs.writeTextFile("fx/0001-GET-a.json", JSON.stringify({
 *   request: { method: "GET", url: "http://x/a", headers: {} },
 *   response: { status: 200, headers: { "content-type": "application/json" }, body: "[1]" },
 * }));
 * const replay = replayFetch("fx", { fs });
 * if ((await (await replay(new Request("http://y/a"))).json())[0] !== 1) throw new Error("replay");
 * let failed = false;
 * await replay(new Request("http://y/a")).catch(() => (failed = true));
 * if (!failed) throw new Error("a second identical request has no recorded answer left");
 * ```
 */
export function replayFetch(dir: string, options: ReplayOptions = {}): Requester {
  const fs = options.fs ?? nodeFs();
  let loaded: Promise<Entry[]> | undefined;
  const load = async (): Promise<Entry[]> => {
    const names = (await fs.readDir(dir)).filter((name) => EXCHANGE_FILE.test(name)).sort();
    if (names.length === 0) {
      throw new SpoutError(
        "http_replay_unmatched",
        `no recorded exchanges in ${dir}: record them first with --record ${dir} (or recordingFetch)`,
      );
    }
    const entries: Entry[] = [];
    for (const name of names) {
      const exchange = JSON.parse(await fs.readTextFile(joinPath(dir, name))) as RecordedExchange;
      entries.push({
        name,
        exchange,
        matchUrl: maskedMatcher(pathAndQuery(exchange.request.url)),
        matchBody: exchange.request.body !== undefined
          ? bodyMatcher(exchange.request.body)
          : maskedMatcher(requestBodyText(exchange)),
        used: false,
      });
    }
    return entries;
  };
  return async (request) => {
    const entries = await (loaded ??= load());
    const bytes = request.body ? new Uint8Array(await request.clone().arrayBuffer()) : new Uint8Array();
    const encoded = encodeBody(request.headers, bytes, options.masker);
    const body = encoded.body ?? encoded.bodyBase64 ?? "";
    const rawUrl = pathAndQuery(request.url);
    const url = options.masker ? options.masker.mask(rawUrl) : rawUrl;
    const candidates = entries.filter((e) =>
      e.exchange.request.method === request.method && (e.matchUrl(url) || e.matchUrl(rawUrl))
    );
    const entry = candidates.find((e) => !e.used && e.matchBody(body));
    if (!entry) {
      const shown = options.masker
        ? options.masker.mask(`${request.method} ${rawUrl}`)
        : `${request.method} ${url}`;
      const why = candidates.length === 0
        ? "no recorded request has this method and URL"
        : candidates.every((e) => e.used)
        ? `all ${candidates.length} recorded answers for it were already used`
        : "the recorded requests with this URL have a different body";
      const near = entries.filter((e) => e.exchange.request.method === request.method).slice(0, 3)
        .map((e) => `${e.name}: ${pathAndQuery(e.exchange.request.url)}`).join("; ");
      throw new SpoutError(
        "http_replay_unmatched",
        `replay from ${dir}: ${shown} was not recorded (${why})${near ? `; recorded: ${near}` : ""}. ` +
          "Re-record the fixtures with --record " + dir,
      );
    }
    entry.used = true;
    const res = entry.exchange.response;
    const payload = res.body !== undefined
      ? new TextEncoder().encode(res.body)
      : res.bodyBase64 !== undefined
      ? fromBase64(res.bodyBase64)
      : null;
    const headers = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      const lower = name.toLowerCase();
      // The body is stored decoded: drop headers that describe the wire encoding.
      if (lower === "content-encoding" || lower === "content-length" || lower === "transfer-encoding") {
        continue;
      }
      headers.set(name, value);
    }
    const nullBody = res.status === 204 || res.status === 304 || (res.status >= 100 && res.status < 200);
    const response = new Response(nullBody ? null : payload, {
      status: res.status,
      statusText: res.statusText,
      headers,
    });
    Object.defineProperty(response, "url", { value: request.url });
    return response;
  };
}
