/**
 * source-aws-cloudtrail (corpus manifest, unchanged) with its TypeScript SigV4 CustomAuthenticator
 * (connectors/source-aws-cloudtrail/components.ts): AWS's published SigV4 test vectors, then LookupEvents
 * pages and incremental state on a loopback CloudTrail.
 */
import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import components, { signV4 } from "../connectors/source-aws-cloudtrail/components.ts";
import {
  corpusManifest,
  corpusText,
  loopback,
  readContext,
  readStreams,
  redirectFetch,
} from "./components_helpers.ts";

const EXAMPLE = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  region: "us-east-1",
  service: "service",
};
const AT = Date.UTC(2015, 7, 30, 12, 36);

Deno.test("signV4: AWS SigV4 test suite vectors (get-vanilla, post-vanilla)", async () => {
  const get = await signV4(new Request("https://example.amazonaws.com/"), EXAMPLE, AT);
  strictEqual(
    get.headers.get("authorization"),
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, " +
      "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
  );
  strictEqual(get.headers.get("x-amz-date"), "20150830T123600Z");
  const post = await signV4(new Request("https://example.amazonaws.com/", { method: "POST" }), EXAMPLE, AT);
  match(
    post.headers.get("authorization")!,
    /Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b$/,
  );
});

// The manifest's extractor path is `{{ parameters.extractor_path }}`, a parameter it never defines: it renders
// empty and, in the reference too (checked with the CDK's DpathExtractor), selects the key "" of the response —
// so real LookupEvents responses yield no records. spout runs the manifest unchanged and does the same; the
// test checks the signed requests, the pagination and the reference's extraction.
Deno.test("aws-cloudtrail: signed LookupEvents requests, NextToken pages, extraction like the reference", async () => {
  const seen: { auth: string; target: string | null; type: string | null; body: Record<string, unknown> }[] =
    [];
  const api = loopback(async (_url, request) => {
    const body = await request.json();
    seen.push({
      auth: request.headers.get("authorization") ?? "",
      target: request.headers.get("x-amz-target"),
      type: request.headers.get("content-type"),
      body,
    });
    return body.NextToken
      ? { Events: [{ EventId: "e2", EventTime: 1704200000 }], "": [{ EventId: "x2", EventTime: 1704200000 }] }
      : {
        Events: [{ EventId: "e1", EventTime: 1704100000 }],
        "": [{ EventId: "x1", EventTime: 1704100000 }],
        NextToken: "tok2",
      };
  });
  try {
    const ctx = readContext({
      fetch: redirectFetch(["https://cloudtrail.eu-west-1.amazonaws.com"], api.url),
      now: () => Date.UTC(2024, 0, 5),
    });
    const out = await readStreams(await corpusText("source-aws-cloudtrail"), {
      aws_key_id: "AKIDTEST",
      aws_secret_key: "topsecret",
      aws_region_name: "eu-west-1",
      start_date: "2024-01-01",
    }, {
      path: corpusManifest("source-aws-cloudtrail"),
      components,
      ctx,
      streams: ["management_events"],
      syncMode: "incremental",
    });
    deepStrictEqual(out.management_events.records.map((r) => r.EventId), ["x1", "x2"]);
    strictEqual(seen.length, 2);
    for (const s of seen) {
      match(s.auth, /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/20240105\/eu-west-1\/cloudtrail\/aws4_request, /);
      match(s.auth, /SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$/);
      strictEqual(s.target, "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents");
      strictEqual(s.type, "application/x-amz-json-1.1");
    }
    strictEqual(seen[0].body.MaxResults, 50);
    strictEqual(seen[0].body.StartTime, "1704067200"); // formatted cursor values are strings
    strictEqual(seen[1].body.NextToken, "tok2");
    deepStrictEqual(out.management_events.states.at(-1), { EventTime: "1704200000" });
    ok(!ctx.masker.mask("topsecret").includes("topsecret"));
  } finally {
    await api.close();
  }
});
