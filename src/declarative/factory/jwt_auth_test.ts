import { deepStrictEqual, ok, rejects, strictEqual } from "node:assert/strict";
import { fakeEnv } from "../../env.ts";
import { SecretMasker } from "../../secrets.ts";
import type { JsonObject } from "../../types.ts";
import { createDeclarativeSource } from "../manifest_source.ts";
import { api, manifest, read, records, simpleStream } from "./_test_api.ts";
import type { FactoryContext } from "./context.ts";
import { buildJwt } from "./jwt_auth.ts";

// Tokens signed by the reference (airbyte_cdk JwtAuthenticator + PyJWT) at 2024-06-01T12:00:00Z; the RSA keys
// are throwaway test keys generated for this fixture (PKCS#8, PKCS#1 and PKCS#8 encrypted with PBES2/AES-256).
const golden = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/jwt_reference.json", import.meta.url)),
) as {
  config: JsonObject;
  cases: Record<string, { component: JsonObject; token: string; auth_header: string }>;
};
const NOW = Date.UTC(2024, 5, 1, 12);

function run() {
  return { stream: "s", ctx: { env: fakeEnv({ start: NOW }), masker: new SecretMasker() } };
}

for (const [name, expected] of Object.entries(golden.cases)) {
  Deno.test(`JwtAuthenticator signs exactly like the reference: ${name}`, async () => {
    const ctx: FactoryContext = { config: golden.config, components: {}, streamCache: new Map() };
    const signer = buildJwt(ctx, expected.component, ["auth"])(run());
    strictEqual(await signer.token(), expected.token);
  });
}

Deno.test("JwtAuthenticator: a wrong passphrase is a config error that names no secret", async () => {
  const config = { ...golden.config, pass: "bad-pass-xyz" };
  const ctx: FactoryContext = { config, components: {}, streamCache: new Map() };
  const signer = buildJwt(ctx, golden.cases.rs256_passphrase.component, ["auth"])(run());
  await rejects(
    signer.token(),
    (e: Error) => /passphrase/.test(e.message) && !e.message.includes("bad-pass-xyz"),
  );
});

Deno.test("JwtAuthenticator: a passphrase for a key that is not encrypted fails like the reference", async () => {
  const ctx: FactoryContext = { config: golden.config, components: {}, streamCache: new Map() };
  const component = { ...golden.cases.rs256_pkcs8.component, passphrase: "x" };
  await rejects(buildJwt(ctx, component, ["auth"])(run()).token(), /not encrypted/);
});

Deno.test("JwtAuthenticator in a stream: Authorization header by default, request_option header and query", async () => {
  const seen: string[] = [];
  const { ctx, requests } = api((url, request) => {
    seen.push(`${request.headers.get("authorization")}|${request.headers.get("x-jwt")}|${url.search}`);
    return [{ id: 1 }];
  }, NOW);
  const base = golden.cases.hs512_full;
  const auth = (extra: Record<string, unknown>) => ({
    requester: { authenticator: { ...base.component, ...extra } },
  });
  const streams = [
    simpleStream("a", "/a", auth({})),
    simpleStream(
      "b",
      "/b",
      auth({
        request_option: { type: "RequestOption", inject_into: "header", field_name: "X-JWT" },
      }),
    ),
    simpleStream(
      "c",
      "/c",
      auth({
        request_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "jwt" },
      }),
    ),
  ];
  const m = manifest(streams);
  for (const s of ["a", "b", "c"]) {
    deepStrictEqual(records(await read(m, golden.config, ctx, s)), [{ id: 1 }]);
  }
  const token = base.token;
  deepStrictEqual(seen, [
    `${token}|null|`,
    `null|${token}|`,
    `null|null|?jwt=${encodeURIComponent(token).replace(/%20/g, "+")}`,
  ]);
  strictEqual(requests.length, 3);
});

Deno.test("JwtAuthenticator injected into a JSON body (request_option body_json with field_path)", async () => {
  const { ctx, requests } = api(() => [{ id: 1 }], NOW);
  const component = {
    ...golden.cases.hs256_defaults.component,
    request_option: { type: "RequestOption", inject_into: "body_json", field_path: ["auth", "jwt"] },
  };
  const stream = simpleStream("a", "/a", {
    requester: { http_method: "POST", authenticator: component, request_body_json: { q: 1 } },
  });
  await read(manifest([stream]), golden.config, ctx, "a");
  deepStrictEqual(JSON.parse(requests[0].body), { q: 1, auth: { jwt: golden.cases.hs256_defaults.token } });
});

Deno.test("OAuthAuthenticator with a JWT profile assertion: the token request carries grant_type + assertion", async () => {
  const { ctx, requests } = api((url) => {
    if (url.pathname === "/token") return { access_token: "at-1", expires_in: 3600 };
    return [{ id: 1 }];
  }, NOW);
  const jwtComponent = golden.cases.rs256_pkcs8.component;
  const stream = simpleStream("a", "/a", {
    requester: {
      authenticator: {
        type: "OAuthAuthenticator",
        token_refresh_endpoint: "https://api.test/token",
        grant_type: "refresh_token",
        refresh_request_headers: { "Content-Type": "application/x-www-form-urlencoded" },
        use_profile_assertion: true,
        profile_assertion: jwtComponent,
      },
    },
  });
  deepStrictEqual(records(await read(manifest([stream]), golden.config, ctx, "a")), [{ id: 1 }]);
  strictEqual(requests[0].line, "POST https://api.test/token");
  const form = new URLSearchParams(requests[0].body);
  deepStrictEqual([...form.keys()], ["grant_type", "assertion"]);
  strictEqual(form.get("grant_type"), "urn:ietf:params:oauth:grant-type:jwt-bearer");
  strictEqual(form.get("assertion"), golden.cases.rs256_pkcs8.token);
  strictEqual(requests[1].headers.get("authorization"), "Bearer at-1");
  ok(!ctx.masker.mask(golden.cases.rs256_pkcs8.token).includes(golden.cases.rs256_pkcs8.token));
});

// The reference with request_parameters {a: 1}, a page-number paginator and the JWT (HS256, secret "k",
// prefix Bearer) as a query parameter, then in a JSON body: the token sits between the requester's options and
// the paginator's, and the body keeps Python's json.dumps spacing.
const REFERENCE_TOKEN =
  "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MTcyNDMyMDAsImV4cCI6MTcxNzI0NDQwMCwibmJm" +
  "IjoxNzE3MjQzMjAwfQ.2OOeRZnl7aw7o3XBUsJkOrlgCfEJhGJEJO3lhDBxT48";

function pagedStream(option: Record<string, unknown>, requester: Record<string, unknown> = {}) {
  return simpleStream(
    "items",
    "/items",
    {
      requester: {
        request_parameters: { a: "1" },
        authenticator: {
          type: "JwtAuthenticator",
          secret_key: "k",
          algorithm: "HS256",
          header_prefix: "Bearer",
          request_option: { type: "RequestOption", ...option },
        },
        ...requester,
      },
      paginator: {
        type: "DefaultPaginator",
        pagination_strategy: { type: "PageIncrement", page_size: 1, start_from_page: 1 },
        page_token_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "page" },
      },
    },
    {},
    ["data"],
  );
}

Deno.test("JwtAuthenticator as a query parameter sits where the reference puts it (after request_parameters)", async () => {
  const { ctx, requests } = api(
    (url) => ({ data: url.searchParams.get("page") === "2" ? [] : [{ id: 1 }] }),
    NOW,
  );
  await read(
    manifest([pagedStream({ inject_into: "request_parameter", field_name: "jwt" })]),
    {},
    ctx,
    "items",
  );
  const query = (i: number) => [...new URL(requests[i].line.split(" ")[1]).searchParams];
  deepStrictEqual(query(0), [["a", "1"], ["jwt", REFERENCE_TOKEN]]);
  deepStrictEqual(query(1), [["a", "1"], ["jwt", REFERENCE_TOKEN], ["page", "2"]]);
});

Deno.test("JwtAuthenticator in a JSON body keeps the body's serialisation", async () => {
  const { ctx, requests } = api(
    (url) => ({ data: url.searchParams.get("page") === "2" ? [] : [{ id: 1 }] }),
    NOW,
  );
  const stream = pagedStream({ inject_into: "body_json", field_name: "jwt" }, {
    http_method: "POST",
    request_body_json: { q: 1 },
  });
  await read(manifest([stream]), {}, ctx, "items");
  strictEqual(requests[0].body, `{"q": 1, "jwt": "${REFERENCE_TOKEN}"}`);
  strictEqual(requests[1].body, `{"q": 1, "jwt": "${REFERENCE_TOKEN}"}`);
});

Deno.test("an unselected JWT profile assertion is not evaluated (its json_loads config may be absent)", async () => {
  const jwtComponent = {
    type: "JwtAuthenticator",
    secret_key: "{{ json_loads(config['credentials']['service_account_info'])['private_key'] }}",
    algorithm: "RS256",
    token_duration: 3600,
    jwt_payload: {
      aud: "{{ json_loads(config['credentials']['service_account_info'])['token_uri'] }}",
      iss: "{{ json_loads(config['credentials']['service_account_info'])['client_email'] }}",
    },
  };
  const authenticator = {
    type: "SelectiveAuthenticator",
    authenticator_selection_path: ["credentials", "auth_type"],
    authenticators: {
      Client: { type: "BearerAuthenticator", api_token: "{{ config['credentials']['token'] }}" },
      Service: {
        type: "OAuthAuthenticator",
        token_refresh_endpoint: "https://api.test/token",
        use_profile_assertion: true,
        profile_assertion: jwtComponent,
      },
    },
  };
  const m = manifest([simpleStream("a", "/a", { requester: { authenticator } })]);
  const client = api(
    (url) => (url.pathname === "/token" ? { access_token: "at", expires_in: 60 } : [{ id: 1 }]),
    NOW,
  );
  await read(m, { credentials: { auth_type: "Client", token: "t-1" } }, client.ctx, "a");
  deepStrictEqual(client.requests.map((r) => r.headers.get("authorization")), ["Bearer t-1"]);

  const info = JSON.stringify({
    private_key: golden.config.pem,
    token_uri: "https://oauth2.googleapis.com/token",
    client_email: "svc@example.com",
  });
  const service = api(
    (url) => (url.pathname === "/token" ? { access_token: "at-2", expires_in: 60 } : [{ id: 1 }]),
    NOW,
  );
  await read(m, { credentials: { auth_type: "Service", service_account_info: info } }, service.ctx, "a");
  const assertion = new URLSearchParams(service.requests[0].body).get("assertion")!;
  deepStrictEqual(JSON.parse(atob(assertion.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))), {
    iss: "svc@example.com",
    aud: "https://oauth2.googleapis.com/token",
    iat: NOW / 1000,
    exp: NOW / 1000 + 3600,
    nbf: NOW / 1000,
  });
  strictEqual(service.requests[1].headers.get("authorization"), "Bearer at-2");
});

Deno.test("two streams sharing one JWT query authenticator both get the token in place", async () => {
  const { ctx, requests } = api(
    (url) => ({ data: url.searchParams.get("page") === "2" ? [] : [{ id: 1 }] }),
    NOW,
  );
  const a = pagedStream({ inject_into: "request_parameter", field_name: "jwt" });
  const b = { ...pagedStream({ inject_into: "request_parameter", field_name: "jwt" }), name: "other" };
  const source = await createDeclarativeSource(manifest([a, b]));
  for (const stream of await source.streams({}, ctx)) {
    for await (const _ of stream.read({ syncMode: "full_refresh" }, ctx));
  }
  deepStrictEqual(
    requests.map((r) => [...new URL(r.line.split(" ")[1]).searchParams].map(([k]) => k).join()),
    ["a,jwt", "a,jwt,page", "a,jwt", "a,jwt,page"],
  );
});
