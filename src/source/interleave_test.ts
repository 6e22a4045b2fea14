import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { interleave } from "./interleave.ts";

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

async function drain<T, R>(it: AsyncGenerator<T, R>): Promise<{ values: T[]; result: R }> {
  const values: T[] = [];
  let step = await it.next();
  while (!step.done) {
    values.push(step.value);
    step = await it.next();
  }
  return { values, result: step.value };
}

Deno.test("never more than `limit` jobs run at once, and each job keeps its order", async () => {
  let running = 0;
  let peak = 0;
  const job = (name: string, n: number, delay: number) =>
    async function* () {
      running++;
      peak = Math.max(peak, running);
      try {
        for (let i = 0; i < n; i++) {
          await tick(delay);
          yield `${name}${i}`;
        }
        return name;
      } finally {
        running--;
      }
    };
  const { values, result } = await drain(
    interleave([job("a", 4, 2), job("b", 3, 1), job("c", 2, 0), job("d", 1, 0)], 2),
  );
  strictEqual(peak, 2);
  strictEqual(values.length, 10);
  for (const name of ["a", "b", "c", "d"]) {
    const own = values.filter((v) => v.startsWith(name));
    deepStrictEqual(own, [...own].sort());
  }
  deepStrictEqual(result, { results: ["a", "b", "c", "d"], started: 4 });
});

Deno.test("canStart false stops new jobs; the result says how many started", async () => {
  let allow = true;
  const job = (n: number) =>
    async function* () {
      yield n;
      allow = false;
      return n;
    };
  const { values, result } = await drain(interleave([job(1), job(2), job(3)], 1, () => allow));
  deepStrictEqual(values, [1]);
  deepStrictEqual(result, { results: [1, undefined, undefined], started: 1 });
});

Deno.test("a consumer that stops early makes every running job return", async () => {
  const closed: number[] = [];
  const job = (n: number) =>
    async function* () {
      try {
        for (;;) {
          await tick();
          yield n;
        }
      } finally {
        closed.push(n);
      }
    };
  const it = interleave([job(1), job(2), job(3)], 2);
  await it.next();
  await it.next();
  await it.return({ results: [], started: 0 });
  await tick(10);
  deepStrictEqual(closed.sort(), [1, 2]);
});

Deno.test("a job that throws ends the interleaving with its error and closes the others", async () => {
  const closed: string[] = [];
  const good = async function* () {
    try {
      for (;;) {
        await tick(1);
        yield "g";
      }
    } finally {
      closed.push("good");
    }
  };
  const bad = async function* () {
    await tick(3);
    yield "b";
    throw new Error("boom");
  };
  let error: unknown;
  try {
    await drain(interleave([good, bad], 2));
  } catch (e) {
    error = e;
  }
  ok(error instanceof Error && error.message === "boom");
  await tick(10);
  deepStrictEqual(closed, ["good"]);
});
