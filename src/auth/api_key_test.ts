import { ok, strictEqual, throws } from "node:assert/strict";
import { CredentialRegistry } from "../http/credentials.ts";
import { compose, type Requester } from "../http/requester.ts";
import { SecretMasker } from "../secrets.ts";
import { apiKey } from "./api_key.ts";

function capture() {
  const seen: Request[] = [];
  const base: Requester = (r) => {
    seen.push(r);
    return Promise.resolve(new Response("ok"));
  };
  return { seen, base };
}

Deno.test("apiKey injects a header or a query parameter and registers credential names", async () => {
  const credentials = new CredentialRegistry();
  const masker = new SecretMasker();
  const { seen, base } = capture();
  await compose(
    base,
    apiKey({ value: "key-123", header: "X-Api-Key", prefix: "Token", credentials, masker }),
  )(
    new Request("https://api.test/a", { method: "POST", body: "payload" }),
  );
  strictEqual(seen[0].headers.get("x-api-key"), "Token key-123");
  strictEqual(await seen[0].text(), "payload");
  ok(credentials.isCredentialHeader("x-api-key"));
  await compose(
    base,
    apiKey({ value: () => Promise.resolve("dyn-456"), queryParam: "api_key", credentials, masker }),
  )(
    new Request("https://api.test/b?page=2"),
  );
  const url = new URL(seen[1].url);
  strictEqual(url.searchParams.get("api_key"), "dyn-456");
  strictEqual(url.searchParams.get("page"), "2");
  ok(credentials.isCredentialQueryParam("api_key"));
  strictEqual(masker.mask("key-123 dyn-456"), "**** ****");
  throws(() => apiKey({ value: "x", header: "a", queryParam: "b" }));
  throws(() => apiKey({ value: "x" }));
});
