import { deepStrictEqual, ok, rejects, strictEqual } from "node:assert/strict";
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

/** An injected timer that records each timer and lets the test fire or watch it. */
function manualTimers() {
  const timers: { ms: number; signal: AbortSignal; fire: () => void }[] = [];
  const timer = (ms: number, signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      timers.push({ ms, signal, fire: resolve });
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
  const live = () => timers.filter((t) => !t.signal.aborted).map((t) => t.ms);
  return { timer, timers, live };
}

Deno.test("timers are cancelled once the body is read natively, or at once for a bodiless response", async () => {
  const { timer, live } = manualTimers();
  const requester = compose(
    (r: Request) => Promise.resolve(new Response(r.url.endsWith("/empty") ? null : "payload")),
    timeout({ firstByteMs: 100, totalMs: 1000, timer }),
  );
  const res = await requester(new Request("http://api.test/"));
  deepStrictEqual(live(), [1000], "after the headers only the total timer runs");
  strictEqual(await res.text(), "payload");
  deepStrictEqual(live(), [], "reading the body clears the total timer");
  await requester(new Request("http://api.test/empty"));
  deepStrictEqual(live(), []);
});

Deno.test("streaming consumers (response.body) clear the timers at the end, on cancel, and time out", async () => {
  const { timer, timers, live } = manualTimers();
  const requester = compose(() => Promise.resolve(new Response("abc")), timeout({ totalMs: 500, timer }));
  const res = await requester(new Request("http://api.test/"));
  ok(res.body, "a body");
  strictEqual(res.body, res.body, "the same stream each time");
  let text = "";
  for await (const chunk of res.body) text += new TextDecoder().decode(chunk);
  strictEqual(text, "abc");
  deepStrictEqual(live(), []);

  const cancelled = await requester(new Request("http://api.test/"));
  await cancelled.body!.cancel();
  deepStrictEqual(live(), []);

  // a body that never ends, from a transport that ignores the signal: the total timeout still ends the read
  const endless = compose(
    () => Promise.resolve(new Response(new ReadableStream<Uint8Array>({ pull() {} }))),
    timeout({ firstByteMs: 100, totalMs: 500, timer }),
  );
  const stalled = await endless(new Request("http://api.test/"));
  const reading = stalled.body!.getReader().read();
  timers.find((t) => t.ms === 500 && !t.signal.aborted)!.fire();
  await rejects(reading, (e) => isTimeout(e) && (e as Error).message.includes("Total"));
  const stalledText = await endless(new Request("http://api.test/"));
  const pending = stalledText.arrayBuffer();
  timers.find((t) => t.ms === 500 && !t.signal.aborted)!.fire();
  await rejects(pending, isTimeout);
});

Deno.test("a caller abort while the body is read rejects the read with the caller's reason", async () => {
  const controller = new AbortController();
  const requester = compose(
    () => Promise.resolve(new Response(new ReadableStream<Uint8Array>({ pull() {} }))),
    timeout({ totalMs: 60_000 }),
  );
  const res = await requester(new Request("http://api.test/", { signal: controller.signal }));
  const pending = res.text();
  controller.abort(new Error("user stop"));
  await rejects(pending, /user stop/);
});

Deno.test("clone() after response.body was looked at: both the clone and the original stay readable", async () => {
  const requester = compose(() => Promise.resolve(new Response("hello")), timeout());
  const res = await requester(new Request("http://api.test/"));
  ok(res.body !== null);
  const copy = res.clone();
  strictEqual(await copy.text(), "hello");
  strictEqual(await new Response(res.body).text(), "hello");
});

Deno.test("nested timeout layers each clear their own timers", async () => {
  const inner = manualTimers();
  const outer = manualTimers();
  const requester = compose(
    () => Promise.resolve(new Response("nested")),
    timeout({ totalMs: 900, timer: outer.timer }),
    timeout({ totalMs: 800, timer: inner.timer }),
  );
  const res = await requester(new Request("http://api.test/"));
  deepStrictEqual([outer.live(), inner.live()], [[900], [800]]);
  strictEqual(await res.text(), "nested");
  deepStrictEqual([outer.live(), inner.live()], [[], []]);
});
