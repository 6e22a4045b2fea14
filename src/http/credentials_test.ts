import { ok, strictEqual } from "node:assert/strict";
import { CredentialRegistry } from "./credentials.ts";

Deno.test("credential registry: default headers, registered names, URL masking", () => {
  const creds = new CredentialRegistry();
  ok(creds.isCredentialHeader("COOKIE"));
  ok(!creds.isCredentialHeader("x-token"));
  creds.addHeader("X-Token");
  creds.addQueryParam("api_key");
  ok(creds.isCredentialHeader("x-token"));
  ok(creds.isCredentialQueryParam("api_key"));
  const masked = creds.maskUrl("https://a.test/x?api_key=s3cret&page=2");
  ok(!masked.includes("s3cret"));
  ok(masked.includes("page=2"));
  strictEqual(creds.maskUrl("https://a.test/x?page=2"), "https://a.test/x?page=2");
});
