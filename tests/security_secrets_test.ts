/**
 * Secrets: canary credentials (with characters that differ between raw, URL-, form-, JSON- and base64 forms)
 * go through every authenticator — declarative (ApiKey header/query, Bearer, Basic, OAuth with a rotated
 * refresh token, SessionToken login) and code API (apiKey, bearer, basic, oauth2, sessionToken, jwt) — against
 * succeeding servers and hostile failing servers that echo every credential they received back into their
 * error bodies. stdout (every LOG / TRACE / CONNECTION_STATUS / RECORD / STATE line), stderr and error
 * messages are grepped for every form of every secret, including credentials issued at runtime (access
 * tokens, rotated refresh tokens, session tokens, signed JWTs) as seen by the server.
 *
 * The one exception, as in Airbyte (`emit_configuration_as_airbyte_control_message` prints the updated config
 * unfiltered because the platform must persist it): CONTROL messages of type CONNECTOR_CONFIG carry the
 * rotated config. They are removed from the scan only after asserting that they are exactly that.
 */
import { ok, strictEqual } from "node:assert/strict";
import { apiKey, basic, bearer, jwt, oauth2, sessionToken } from "../src/auth/mod.ts";
import type { Middleware } from "../src/http/requester.ts";
import { SecretMasker } from "../src/secrets.ts";
import { HttpStream } from "../src/source/http_stream.ts";
import type { ReadContext, Source } from "../src/source/types.ts";
import type { JsonSchema, RecordData } from "../src/types.ts";
import type { CliRun } from "./cli_helpers.ts";
import { type FaultServer, type RecordedRequest, startFaultServer } from "./fault_server.ts";
import { cli, loopbackEnv } from "./reliability_helpers.ts";

const C = {
  api_key: "AKc4n4ry/k+e'y(1)!",
  token: "BTc4n4ry.t0k/en+=x",
  username: "us3r-name",
  password: "PWc4n4ry:p\"a's/s w0rd",
  session_password: "SPc4n4ry pw!(x)",
  jwt_secret: "JWc4n4ry-secret/+*",
  client_id: "client-id-1",
  client_secret: "CSc4n4ry+/sec'ret",
  refresh_token: "RTc4n4ry&refresh=1~",
};
const ISSUED = {
  access: "ATc4n4ry-issued.+/(a)",
  rotated: "RTc4n4ry-rotated/+2!",
  session: "STc4n4ry-obtained+/'",
};

const SPEC: JsonSchema = {
  type: "object",
  properties: {
    mode: { type: "string" },
    api_key: { type: "string", airbyte_secret: true },
    token: { type: "string", airbyte_secret: true },
    username: { type: "string" },
    password: { type: "string", airbyte_secret: true },
    session_password: { type: "string", airbyte_secret: true },
    jwt_secret: { type: "string", airbyte_secret: true },
    credentials: {
      type: "object",
      properties: {
        client_id: { type: "string" },
        client_secret: { type: "string", airbyte_secret: true },
        refresh_token: { type: "string", airbyte_secret: true },
        access_token: { type: "string", airbyte_secret: true },
        token_expiry_date: { type: "string" },
      },
    },
  },
};

function config(mode: string): Record<string, unknown> {
  return {
    mode,
    api_key: C.api_key,
    token: C.token,
    username: C.username,
    password: C.password,
    session_password: C.session_password,
    jwt_secret: C.jwt_secret,
    credentials: { client_id: C.client_id, client_secret: C.client_secret, refresh_token: C.refresh_token },
  };
}

/** Every encoding of `s` a log line or error message could carry. */
function forms(s: string): string[] {
  const b64 = btoa(String.fromCharCode(...new TextEncoder().encode(s)));
  return [
    ...new Set([
      s,
      encodeURIComponent(s),
      encodeURIComponent(s).replace(/%20/g, "+"),
      new URLSearchParams({ k: s }).toString().slice(2),
      encodeURI(s),
      JSON.stringify(s).slice(1, -1),
      JSON.stringify(JSON.stringify(s)).slice(3, -3),
      b64,
      b64.replace(/=+$/, ""),
      b64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""),
    ]),
  ].filter((f) => f.length >= 6);
}

/** Secrets to look for: the canaries, the Basic pairs, and every credential the server saw or issued. */
function canaries(requests: RecordedRequest[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries({ ...C, ...ISSUED })) {
    if (k === "username" || k === "client_id") continue;
    out.set(k, v);
  }
  out.set("basic pair", `${C.username}:${C.password}`);
  out.set("oauth client pair", `${C.client_id}:${C.client_secret}`);
  for (const r of requests) {
    const auth = r.headers.authorization;
    if (auth) {
      const value = auth.replace(/^(Bearer|Basic) /, "");
      out.set(`authorization seen by the server (${auth.slice(0, 10)}…)`, value);
      if (auth.startsWith("Basic ")) out.set("basic pair seen by the server", atob(value));
    }
    if (r.headers["x-api-key"]) out.set("x-api-key seen by the server", r.headers["x-api-key"]);
    if (r.headers["x-session"]) out.set("session seen by the server", r.headers["x-session"]);
    if (r.query.key) out.set("query key seen by the server", r.query.key);
  }
  return out;
}

interface Tally {
  checks: number;
  leaks: string[];
}

/** Greps every output of a run (CONTROL connector configs excepted, see the module doc). */
function scan(label: string, run: CliRun, secrets: Map<string, string>, tally: Tally): void {
  const lines = run.stdout.split("\n").filter((l) => l !== "");
  const kept: string[] = [];
  for (const line of lines) {
    const m = JSON.parse(line);
    if (m.type === "CONTROL") {
      strictEqual(m.control.type, "CONNECTOR_CONFIG", `${label}: only connector-config CONTROL messages`);
      ok(Object.keys(m.control).every((k) => ["type", "emitted_at", "connectorConfig"].includes(k)));
      continue;
    }
    kept.push(line);
  }
  const outputs: Record<string, string> = { "stdout (non-CONTROL)": kept.join("\n"), stderr: run.stderr };
  for (const [name, secret] of secrets) {
    for (const form of forms(secret)) {
      for (const [where, text] of Object.entries(outputs)) {
        tally.checks++;
        if (text.includes(form)) tally.leaks.push(`${label}: ${name} as ${JSON.stringify(form)} in ${where}`);
      }
    }
  }
}

type Mode = "ok" | "fail-401" | "fail-400" | "fail-500" | "fail-login";

/** The API: /oauth/token and /login issue tokens; /items needs any credential; failures echo everything. */
function startApi(mode: Mode): FaultServer {
  const echo = (r: RecordedRequest) =>
    `denied: auth=${r.headers.authorization ?? ""} key=${r.headers["x-api-key"] ?? ""} ` +
    `session=${r.headers["x-session"] ?? ""} query=${new URLSearchParams(r.query)} body=${r.body}`;
  return startFaultServer({
    maxRequests: 200,
    handler: (r) => {
      if (r.path === "/oauth/token" || r.path === "/login") {
        if (mode === "fail-login") return { kind: "status", status: 401, body: echo(r) };
        return r.path === "/login" ? { kind: "json", body: { token: ISSUED.session } } : {
          kind: "json",
          body: { access_token: ISSUED.access, expires_in: 3600, refresh_token: ISSUED.rotated },
        };
      }
      if (mode === "fail-401") return { kind: "status", status: 401, body: echo(r) };
      if (mode === "fail-400") return { kind: "status", status: 400, body: echo(r) };
      if (mode === "fail-500") return { kind: "status", status: 500, body: echo(r) };
      return { kind: "json", body: { data: [{ id: 1, note: "no secrets in records" }] } };
    },
  });
}

const DECLARATIVE_AUTH: Record<string, string> = {
  "api key header": 'type: ApiKeyAuthenticator\napi_token: "{{ config.api_key }}"\nheader: X-Api-Key',
  "api key query":
    'type: ApiKeyAuthenticator\napi_token: "{{ config.api_key }}"\ninject_into: {type: RequestOption, inject_into: request_parameter, field_name: key}',
  bearer: 'type: BearerAuthenticator\napi_token: "{{ config.token }}"',
  basic: 'type: BasicHttpAuthenticator\nusername: "{{ config.username }}"\npassword: "{{ config.password }}"',
  "oauth refresh + rotation": `type: OAuthAuthenticator
token_refresh_endpoint: "{{ config.base }}/oauth/token"
client_id: "{{ config.credentials.client_id }}"
client_secret: "{{ config.credentials.client_secret }}"
refresh_token: "{{ config.credentials.refresh_token }}"
refresh_token_updater:
  refresh_token_name: refresh_token
  refresh_token_config_path: [credentials, refresh_token]
  access_token_config_path: [credentials, access_token]
  token_expiry_date_config_path: [credentials, token_expiry_date]`,
  "session token login": `type: SessionTokenAuthenticator
login_requester:
  type: HttpRequester
  url_base: "{{ config.base }}"
  path: /login
  http_method: POST
  request_body_json: {username: "{{ config.username }}", password: "{{ config.session_password }}"}
session_token_path: [token]
request_authentication: {type: ApiKey, inject_into: {type: RequestOption, inject_into: header, field_name: X-Session}}`,
};

function manifest(base: string, auth: string): string {
  const indent = (text: string, n: number) => text.split("\n").map((l) => " ".repeat(n) + l).join("\n");
  return `
version: 6.0.0
type: DeclarativeSource
check: {type: CheckStream, stream_names: [items]}
streams:
  - type: DeclarativeStream
    name: items
    schema_loader: {type: InlineSchemaLoader, schema: {type: object}}
    retriever:
      type: SimpleRetriever
      requester:
        type: HttpRequester
        url_base: "${base}"
        path: /items
        http_method: GET
        authenticator:
${indent(auth, 10)}
      record_selector: {type: RecordSelector, extractor: {type: DpathExtractor, field_path: [data]}}
spec:
  type: Spec
  connection_specification: ${
    JSON.stringify({ ...SPEC, properties: { ...(SPEC.properties as object), base: { type: "string" } } })
  }
`;
}

const MODES: Mode[] = ["ok", "fail-401", "fail-400", "fail-500", "fail-login"];

async function runAll(
  label: string,
  call: (api: FaultServer, command: "read" | "check" | "discover", debug: boolean) => Promise<CliRun>,
  tally: Tally,
  expectControl: boolean,
): Promise<void> {
  for (const mode of MODES) {
    const api = startApi(mode);
    try {
      const runs: [string, CliRun][] = [];
      for (const command of ["read", "check", "discover"] as const) {
        for (const debug of [false, true]) {
          runs.push([
            `${label} ${mode} ${command}${debug ? " --debug" : ""}`,
            await call(api, command, debug),
          ]);
        }
      }
      const secrets = canaries(api.requests);
      for (const [name, run] of runs) scan(name, run, secrets, tally);
      if (mode === "ok") {
        const read = runs[0][1];
        strictEqual(read.code, 0, `${label}: the succeeding read works: ${read.stdout.slice(0, 400)}`);
        const control = read.messages.some((m) => m.type === "CONTROL");
        strictEqual(control, expectControl, `${label}: CONTROL with the rotated config`);
        if (expectControl) ok(read.stdout.includes(JSON.stringify(ISSUED.rotated).slice(1, -1)));
      } else {
        const usesLogin = /oauth|session/.test(label);
        if (mode !== "fail-login" || usesLogin) {
          strictEqual(runs[0][1].code, 1, `${label} ${mode}: the failing read exits 1`);
        }
      }
    } finally {
      await api.close();
    }
  }
}

Deno.test("secrets: every declarative authenticator x succeeding and echoing failing servers → zero leaks in any output", async () => {
  const tally: Tally = { checks: 0, leaks: [] };
  for (const [name, auth] of Object.entries(DECLARATIVE_AUTH)) {
    await runAll(
      `declarative ${name}`,
      (api, command, debug) =>
        cli(command, {
          manifest: manifest(api.url, auth),
          config: { ...config(name), base: api.url },
          extraArgs: debug ? ["--debug"] : [],
        }),
      tally,
      name.startsWith("oauth"),
    );
  }
  ok(tally.checks > 5000, `${tally.checks} checks`);
  strictEqual(
    tally.leaks.length,
    0,
    [...new Set(tally.leaks.map((l) => l.replace(/^.*?: /, "")))].join("\n"),
  );
  console.log(`declarative: ${tally.checks} secret-form x output checks, ${tally.leaks.length} leaks`);
});

// ---- code API authenticators ----

class Items extends HttpStream {
  readonly name = "items";
  constructor(readonly urlBase: string, readonly auth: (ctx: ReadContext) => Middleware) {
    super();
  }
  path(): string {
    return "/items";
  }
  parseResponse(body: unknown): RecordData[] {
    return (body as { data: RecordData[] }).data;
  }
  override authenticator(ctx: ReadContext): Middleware {
    return this.auth(ctx);
  }
}

const CODE_AUTH: Record<string, (base: string, ctx: ReadContext) => Middleware> = {
  "apiKey header": (_b, ctx) => apiKey({ value: C.api_key, header: "X-Api-Key", masker: ctx.masker }),
  "apiKey query": (_b, ctx) => apiKey({ value: C.api_key, queryParam: "key", masker: ctx.masker }),
  bearer: (_b, ctx) => bearer(C.token, { masker: ctx.masker }),
  basic: (_b, ctx) => basic(C.username, C.password, { masker: ctx.masker }),
  "oauth2 refresh + rotation": (base, ctx) =>
    oauth2({
      tokenUrl: `${base}/oauth/token`,
      clientId: C.client_id,
      clientSecret: C.client_secret,
      refreshToken: C.refresh_token,
      masker: ctx.masker,
      env: ctx.env,
      refreshTokenUpdater: { onUpdate: () => {} },
    }),
  "sessionToken login": (base, ctx) =>
    sessionToken({
      login: () =>
        ctx.env.fetch(
          new Request(`${base}/login`, {
            method: "POST",
            body: JSON.stringify({ username: C.username, password: C.session_password }),
          }),
        ),
      tokenPath: ["token"],
      header: "X-Session",
      masker: ctx.masker,
      env: ctx.env,
    }),
  "jwt HS256": (_b, ctx) =>
    jwt({ algorithm: "HS256", secretKey: C.jwt_secret, iss: "me", masker: ctx.masker, env: ctx.env }),
};

function codeSource(base: string, name: string): Source {
  return {
    spec: () => Promise.resolve({ connectionSpecification: SPEC }),
    check: () => Promise.resolve({ status: "SUCCEEDED" }),
    streams: () => Promise.resolve([new Items(base, (ctx) => CODE_AUTH[name](base, ctx))]),
  };
}

Deno.test("secrets: every code-API authenticator (incl. JWT) x succeeding and echoing failing servers → zero leaks", async () => {
  const tally: Tally = { checks: 0, leaks: [] };
  for (const name of Object.keys(CODE_AUTH)) {
    await runAll(
      `code ${name}`,
      (api, command, debug) =>
        cli(command, {
          connector: "items",
          connectors: { items: () => codeSource(api.url, name) },
          config: config(name),
          extraArgs: debug ? ["--debug"] : [],
        }),
      tally,
      false,
    );
  }
  ok(tally.checks > 5000, `${tally.checks} checks`);
  strictEqual(
    tally.leaks.length,
    0,
    [...new Set(tally.leaks.map((l) => l.replace(/^.*?: /, "")))].join("\n"),
  );
  console.log(`code API: ${tally.checks} secret-form x output checks, ${tally.leaks.length} leaks`);
});

// ---- mutation: a deliberate leak is caught, and the detector notices when masking is disabled ----

function leakySource(base: string): Source {
  return {
    spec: () => Promise.resolve({ connectionSpecification: SPEC }),
    check: () => Promise.resolve({ status: "SUCCEEDED" }),
    streams: () =>
      Promise.resolve([
        new Items(base, (ctx) => {
          basic(C.username, C.password, { masker: ctx.masker }); // registers the Basic pair, as a connector would
          ctx.env.log("INFO", `debugging: api_key=${C.api_key} basic=${btoa(`${C.username}:${C.password}`)}`);
          ctx.env.log(
            "WARN",
            `url-encoded ${encodeURIComponent(C.client_secret)} json ${JSON.stringify(C.password)}`,
          );
          return () => () => Promise.reject(new Error(`boom with ${C.refresh_token} and ${C.token}`));
        }),
      ]),
  };
}

async function leakyRun(api: FaultServer): Promise<CliRun> {
  return await cli("read", {
    connector: "items",
    connectors: { items: () => leakySource(api.url) },
    config: config("leaky"),
    env: loopbackEnv(),
  });
}

Deno.test("secrets mutation: secrets deliberately logged and thrown are masked; with masking disabled the scan fails", async () => {
  const api = startApi("ok");
  try {
    const masked = await leakyRun(api);
    strictEqual(masked.code, 1);
    ok(masked.stdout.includes("debugging: api_key=****"), masked.stdout.slice(0, 2000));
    ok(masked.stdout.includes("boom with ****"), "the thrown error is masked");
    const tally: Tally = { checks: 0, leaks: [] };
    scan("masked", masked, canaries([]), tally);
    strictEqual(tally.leaks.length, 0, tally.leaks.join("\n"));

    // Disable masking: the same run must now be caught by the scan.
    const original = SecretMasker.prototype.mask;
    SecretMasker.prototype.mask = function (text: string) {
      return text;
    };
    let unmasked: CliRun;
    try {
      unmasked = await leakyRun(api);
    } finally {
      SecretMasker.prototype.mask = original;
    }
    const mutated: Tally = { checks: 0, leaks: [] };
    scan("unmasked", unmasked, canaries([]), mutated);
    for (const expected of ["api_key", "basic pair", "client_secret", "password", "refresh_token", "token"]) {
      ok(
        mutated.leaks.some((l) => l.includes(`: ${expected} as`)),
        `the scan must catch ${expected}: ${mutated.leaks}`,
      );
    }
  } finally {
    await api.close();
  }
});
