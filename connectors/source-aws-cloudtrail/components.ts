/**
 * Custom components of the corpus manifest `source-aws-cloudtrail.yaml` (unchanged), in TypeScript.
 *
 * `CustomAuthenticator` (this manifest's): AWS Signature Version 4 for the CloudTrail JSON API
 * (`LookupEvents`): the request gets `Content-Type: application/x-amz-json-1.1` and `X-Amz-Date`, and an
 * `Authorization: AWS4-HMAC-SHA256 …` header signing the method, path, query, the `host`, `content-type`,
 * `x-amz-*` headers and the SHA-256 of the body with a key derived from the secret, the day, the region and
 * the service (`cloudtrail`). source-fastbill uses the same class name for HTTP Basic: pass this module.
 * @module
 */
import { defaultEnv } from "../../src/env.ts";
import { defineComponents } from "../../src/declarative/components.ts";

const encoder = new TextEncoder();

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

async function sha256(data: Uint8Array<ArrayBuffer> | string): Promise<string> {
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  return hex(await crypto.subtle.digest("SHA-256", bytes));
}

async function hmac(key: Uint8Array<ArrayBuffer>, text: string): Promise<Uint8Array<ArrayBuffer>> {
  const k = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", k, encoder.encode(text)));
}

function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** What {@link signV4} signs with. */
export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
}

/**
 * Signs `request` (AWS SigV4) at `now` (ms since the epoch): returns a copy with `X-Amz-Date` and
 * `Authorization` set.
 *
 * @example
 * ```ts
 * import { signV4 } from "./components.ts";
 * const signed = await signV4(new Request("https://example.amazonaws.com/"), {
 *   accessKeyId: "AKIDEXAMPLE",
 *   secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
 *   region: "us-east-1",
 *   service: "service",
 * }, Date.UTC(2015, 7, 30, 12, 36));
 * if (!signed.headers.get("authorization")!.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/")) {
 *   throw new Error(signed.headers.get("authorization")!);
 * }
 * ```
 */
export async function signV4(request: Request, credentials: SigV4Credentials, now: number): Promise<Request> {
  const url = new URL(request.url);
  const amzDate = new Date(now).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const day = amzDate.slice(0, 8);
  const body = request.method === "GET" || request.method === "HEAD"
    ? new Uint8Array()
    : new Uint8Array(await request.clone().arrayBuffer());
  const headers = new Headers(request.headers);
  headers.set("x-amz-date", amzDate);
  const signedNames = [
    "host",
    ...[...headers.keys()].filter((k) => k === "content-type" || k.startsWith("x-amz-")),
  ]
    .sort();
  const value = (name: string) =>
    name === "host" ? url.host : (headers.get(name) ?? "").trim().replace(/\s+/g, " ");
  const query = [...url.searchParams]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)])
    .sort(([a, x], [b, y]) => a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0)
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const path = url.pathname.split("/").map((s) => uriEncode(decodeURIComponent(s))).join("/") || "/";
  const canonical = [
    request.method,
    path,
    query,
    signedNames.map((n) => `${n}:${value(n)}\n`).join(""),
    signedNames.join(";"),
    await sha256(body),
  ].join("\n");
  const scope = `${day}/${credentials.region}/${credentials.service}/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", amzDate, scope, await sha256(canonical)].join("\n");
  let key = await hmac(encoder.encode(`AWS4${credentials.secretAccessKey}`), day);
  for (const part of [credentials.region, credentials.service, "aws4_request"]) key = await hmac(key, part);
  const signature = hex((await hmac(key, toSign)).buffer);
  headers.set(
    "authorization",
    `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${
      signedNames.join(";")
    }, Signature=${signature}`,
  );
  return new Request(request.url, {
    method: request.method,
    headers,
    body: body.byteLength > 0 ? body : undefined,
    signal: request.signal,
  });
}

/** The registry passed with `--components connectors/source-aws-cloudtrail/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.CustomAuthenticator": {
    kind: "authenticator",
    create(options, ctx) {
      const text = (key: string) => ctx.template(options[key]).render();
      const credentials = {
        accessKeyId: text("aws_key_id"),
        secretAccessKey: text("aws_secret_key"),
        region: text("aws_region_name"),
        service: "cloudtrail",
      };
      ctx.read?.masker.add(credentials.secretAccessKey);
      const env = ctx.read?.env ?? defaultEnv();
      return (next) => async (request) => {
        const typed = new Request(request);
        if (request.method !== "GET") typed.headers.set("content-type", "application/x-amz-json-1.1");
        return next(await signV4(typed, credentials, env.now()));
      };
    },
  },
});

export default components;
