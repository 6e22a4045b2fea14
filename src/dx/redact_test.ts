import { ok, strictEqual } from "node:assert/strict";
import { bodyMatcher, maskedMatcher, redactCredentials } from "./redact.ts";

Deno.test("redactCredentials masks credential-named fields in JSON (nested, arrays) and forms only", () => {
  strictEqual(
    redactCredentials(
      '{"data":[{"user":{"password":"p","name":"n"}}],"Token":42,"tokens_left":3,"secret":""}',
    ),
    '{"data":[{"user":{"password":"****","name":"n"}}],"Token":"****","tokens_left":3,"secret":""}',
  );
  strictEqual(redactCredentials('{"a": 1}'), '{"a": 1}', "unchanged bodies keep their formatting");
  strictEqual(
    redactCredentials("client_id=x&client_secret=y&code_verifier=z"),
    "client_id=x&client_secret=****&code_verifier=****",
  );
  strictEqual(redactCredentials("token: abc", "text/plain"), "token: abc");
  strictEqual(redactCredentials("{not json"), "{not json");
});

Deno.test("maskedMatcher and bodyMatcher treat **** as a wildcard; JSON matches structurally", () => {
  ok(maskedMatcher("/a?k=****&x=1")("/a?k=anything&x=1"));
  ok(!maskedMatcher("/a?k=****&x=1")("/a?k=1&x=2"));
  ok(maskedMatcher("plain")("plain") && !maskedMatcher("plain")("plain2"));
  const json = bodyMatcher('{"q":{"ids":[1,2]},"password":"****"}');
  ok(json('{"password": "x", "q": {"ids": [1, 2]}}'));
  ok(!json('{"password":"x","q":{"ids":[2,1]}}'), "array order matters");
  ok(!json('{"password":"x","q":{"ids":[1,2]},"extra":1}'), "extra keys do not match");
  ok(!json("not json"));
  ok(bodyMatcher("a=****")("a=1"));
});

Deno.test("isCredentialHeaderName recognises common credential headers only", async () => {
  const { isCredentialHeaderName } = await import("./redact.ts");
  for (
    const name of [
      "X-Api-Key",
      "api-key",
      "X-Auth-Token",
      "Set-Cookie",
      "x-session-id",
      "X-Amz-Security-Token",
    ]
  ) {
    ok(isCredentialHeaderName(name), name);
  }
  for (const name of ["Content-Type", "X-Request-Id", "Link", "X-RateLimit-Remaining", "Author"]) {
    ok(!isCredentialHeaderName(name), name);
  }
});
