import { ok, rejects, strictEqual, throws } from "node:assert/strict";
import { fakeEnv } from "../env.ts";
import { compose } from "../http/requester.ts";
import { SecretMasker } from "../secrets.ts";
import { base64 } from "./_request.ts";
import { jwt } from "./jwt.ts";

const decode = (part: string) =>
  Uint8Array.from(atob(part.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));

function pem(label: string, der: Uint8Array): string {
  return `-----BEGIN ${label}-----\n${base64(der).replace(/.{64}/g, "$&\n")}\n-----END ${label}-----\n`;
}

Deno.test("HS256 token matches PyJWT/Airbyte byte for byte", async () => {
  const env = fakeEnv({ start: 1_700_000_000_700 });
  const auth = jwt({
    algorithm: "HS256",
    secretKey: "s3cr3t-ü",
    base64EncodeSecretKey: true,
    tokenDurationSeconds: 600,
    kid: "k1",
    iss: "me",
    aud: "you",
    additionalHeaders: { zz: 1, aa: 2 },
    additionalPayload: { scope: "read ü", n: 5 },
    headerPrefix: "Bearer",
    env,
  });
  strictEqual(
    await auth.token(),
    "Bearer eyJhYSI6MiwiYWxnIjoiSFMyNTYiLCJraWQiOiJrMSIsInR5cCI6IkpXVCIsInp6IjoxfQ." +
      "eyJzY29wZSI6InJlYWQgXHUwMGZjIiwibiI6NSwiaXNzIjoibWUiLCJhdWQiOiJ5b3UiLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMDYwMCwibmJmIjoxNzAwMDAwMDAwfQ." +
      "PZyM4g8er0Dq1U6iqEPthHnENqUU-DBY4KSuKUQ__c8",
  );
});

Deno.test("RS256 with PKCS#8 and PKCS#1 PEM keys verifies with the public key", async () => {
  const pair = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  );
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  const pkcs1 = pkcs8.slice(26); // strip the PKCS#8 wrapper around the RSA key
  for (const key of [pem("PRIVATE KEY", pkcs8), pem("RSA PRIVATE KEY", pkcs1).replace(/\n/g, "\\n")]) {
    const token = await jwt({ algorithm: "RS256", secretKey: key, env: fakeEnv() }).signed();
    const [h, p, s] = token.split(".");
    const valid = await crypto.subtle.verify(
      "RSASSA-PKCS1-v1_5",
      pair.publicKey,
      decode(s),
      new TextEncoder().encode(`${h}.${p}`),
    );
    ok(valid);
  }
});

Deno.test("ES256 signatures verify; tokens are reused for half their lifetime and masked", async () => {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ]);
  const key = pem("PRIVATE KEY", new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey)));
  const env = fakeEnv();
  const masker = new SecretMasker();
  const auth = jwt({ algorithm: "ES256", secretKey: key, tokenDurationSeconds: 100, env, masker });
  const seen: string[] = [];
  const requester = compose(
    (r) => (seen.push(r.headers.get("authorization")!), Promise.resolve(new Response())),
    auth,
  );
  await requester(new Request("https://api.test/"));
  await env.sleep(40_000);
  await requester(new Request("https://api.test/"));
  await env.sleep(20_000);
  await requester(new Request("https://api.test/"));
  strictEqual(seen[0], seen[1]);
  ok(seen[2] !== seen[1]);
  const [h, p, s] = seen[0].split(".");
  ok(
    await crypto.subtle.verify(
      { name: "ECDSA", hash: "SHA-256" },
      pair.publicKey,
      decode(s),
      new TextEncoder().encode(`${h}.${p}`),
    ),
  );
  strictEqual(masker.mask(seen[0]), "****");
});

Deno.test("reserved fields, bad keys and unsupported algorithms fail clearly", async () => {
  throws(() => jwt({ algorithm: "HS256", secretKey: "x", additionalPayload: { exp: 1 } }), /reserved/);
  await rejects(jwt({ algorithm: "RS256", secretKey: "not a pem" }).signed(), /PEM/);
  await rejects(jwt({ algorithm: "ES256K", secretKey: "x" }).signed(), /not supported/);
});
