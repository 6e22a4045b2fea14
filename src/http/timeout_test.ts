import { ok, rejects, strictEqual } from "node:assert/strict";
import { SpoutError } from "../errors.ts";
import { compose } from "./requester.ts";
import { timeout } from "./timeout.ts";

const isTimeout = (e: unknown) => e instanceof SpoutError && e.code === "http_timeout";

Deno.test("first-byte timeout fires when headers never come (loopback server)", async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async () => {
    await gate;
    return new Response("late");
  });
  try {
    const requester = compose((r) => fetch(r), timeout({ firstByteMs: 40, totalMs: 5000 }));
    const started = performance.now();
    const err = await requester(new Request(`http://127.0.0.1:${server.addr.port}/slow`)).catch((e) => e);
    ok(isTimeout(err), String(err));
    ok(err.message.includes("First-byte"), err.message);
    ok(performance.now() - started < 2000);
  } finally {
    release();
    await server.shutdown();
  }
});

Deno.test("total timeout fires while the body stalls", async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, () => {
    const body = new ReadableStream<Uint8Array>({
      async start(c) {
        c.enqueue(new TextEncoder().encode("partial"));
        await gate;
        c.close();
      },
    });
    return new Response(body);
  });
  try {
    const requester = compose((r) => fetch(r), timeout({ firstByteMs: 2000, totalMs: 80 }));
    const res = await requester(new Request(`http://127.0.0.1:${server.addr.port}/stall`));
    strictEqual(res.status, 200);
    await rejects(res.text(), isTimeout);
  } finally {
    release();
    await server.shutdown();
  }
});

Deno.test("fast responses pass through with their body; caller aborts are not timeouts", async () => {
  const requester = compose(
    () => Promise.resolve(new Response("fine", { headers: { "x-a": "b" } })),
    timeout(),
  );
  const res = await requester(new Request("http://api.test/"));
  strictEqual(res.headers.get("x-a"), "b");
  strictEqual(await res.text(), "fine");

  const controller = new AbortController();
  const never = (r: Request) =>
    new Promise<Response>((_, reject) => r.signal.addEventListener("abort", () => reject(r.signal.reason)));
  const pending = compose(never, timeout({ firstByteMs: 10_000 }))(
    new Request("http://api.test/", { signal: controller.signal }),
  );
  controller.abort(new Error("user stop"));
  await rejects(pending, /user stop/);
});

Deno.test("a requester that ignores the signal still times out (injected timer)", async () => {
  let fireFirstByte!: () => void;
  const timer = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (ms === 25) fireFirstByte = resolve;
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
  const deaf = () => new Promise<Response>(() => {});
  const pending = compose(deaf, timeout({ firstByteMs: 25, totalMs: 1000, timer }))(
    new Request("http://api.test/"),
  );
  fireFirstByte();
  await rejects(pending, isTimeout);
});
