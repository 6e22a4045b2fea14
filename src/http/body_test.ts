import { ok, rejects, strictEqual } from "node:assert/strict";
import { SpoutError } from "../errors.ts";
import { bodyLimit, capBody, readBodyBytes, readBodyText } from "./body.ts";
import { compose } from "./requester.ts";

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

Deno.test("gzip bomb: a small compressed body that inflates past the cap is rejected", async () => {
  const inflated = new Uint8Array(8 * 1024 * 1024); // 8 MiB of zeros
  const compressed = await gzip(inflated);
  ok(compressed.length < 64 * 1024, `compressed to ${compressed.length} bytes`);
  let served = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, () => {
    served++;
    return new Response(compressed as BodyInit, {
      headers: { "content-encoding": "gzip", "content-type": "application/octet-stream" },
    });
  });
  try {
    const url = `http://127.0.0.1:${server.addr.port}/bomb`;
    const err = await readBodyBytes(await fetch(url), { maxBytes: 1024 * 1024 }).catch((e) => e);
    ok(err instanceof SpoutError);
    strictEqual(err.code, "http_body_too_large");
    const capped = compose((r) => fetch(r), bodyLimit({ maxBytes: 1024 * 1024 }));
    await rejects(
      (await capped(new Request(url))).arrayBuffer(),
      (e: SpoutError) => e.code === "http_body_too_large",
    );
    const ok8 = await readBodyBytes(await fetch(url), { maxBytes: 16 * 1024 * 1024 });
    strictEqual(ok8.length, inflated.length);
    strictEqual(served, 3);
  } finally {
    await server.shutdown();
  }
});

Deno.test("readBodyText decodes UTF-8 across chunks and empty bodies read as empty", async () => {
  const bytes = new TextEncoder().encode("żółw🐢");
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      for (const b of bytes) c.enqueue(new Uint8Array([b]));
      c.close();
    },
  });
  strictEqual(await readBodyText(new Response(stream)), "żółw🐢");
  strictEqual(await readBodyText(new Response(null, { status: 204 })), "");
});

Deno.test("capBody passes bodies under the cap unchanged and keeps status and headers", async () => {
  const res = capBody(new Response("hello", { status: 201, headers: { "x-a": "1" } }), 5);
  strictEqual(res.status, 201);
  strictEqual(res.headers.get("x-a"), "1");
  strictEqual(await res.text(), "hello");
});
