/**
 * Bounded interleaving of async generators: the primitive behind reading several streams at once.
 * @module
 */

/** What {@link interleave} returns when every started job has finished. */
export interface InterleaveResult<R> {
  /** Each job's return value, by job index (`undefined` for a job that never started). */
  results: (R | undefined)[];
  /** How many jobs were started (jobs start in index order). */
  started: number;
}

/**
 * Runs up to `limit` generators at once and yields their values as they come. Each generator has at most one
 * value in flight, so a slow consumer slows every producer (backpressure); values of one generator keep their
 * order. A new job starts only while `canStart()` is true. If the consumer stops early, every running
 * generator is asked to return.
 *
 * @example
 * ```ts
 * import { interleave } from "./interleave.ts";
 * async function* count(name: string, n: number) {
 *   for (let i = 0; i < n; i++) yield `${name}${i}`;
 *   return n;
 * }
 * const seen: string[] = [];
 * const it = interleave([() => count("a", 2), () => count("b", 2), () => count("c", 1)], 2);
 * let step = await it.next();
 * while (!step.done) {
 *   seen.push(step.value);
 *   step = await it.next();
 * }
 * if (seen.length !== 5 || step.value.results.join() !== "2,2,1") throw new Error(seen.join());
 * ```
 */
export async function* interleave<T, R>(
  jobs: ReadonlyArray<() => AsyncGenerator<T, R>>,
  limit: number,
  canStart: () => boolean = () => true,
): AsyncGenerator<T, InterleaveResult<R>> {
  type Step = { index: number; result: IteratorResult<T, R> };
  const active = new Map<number, { generator: AsyncGenerator<T, R>; pending: Promise<Step> }>();
  const results: (R | undefined)[] = new Array(jobs.length).fill(undefined);
  let started = 0;
  const arm = (index: number, generator: AsyncGenerator<T, R>): Promise<Step> =>
    generator.next().then((result) => ({ index, result }));
  const fill = () => {
    while (active.size < Math.max(1, limit) && started < jobs.length && canStart()) {
      const index = started++;
      const generator = jobs[index]();
      active.set(index, { generator, pending: arm(index, generator) });
    }
  };
  try {
    fill();
    while (active.size > 0) {
      const { index, result } = await Promise.race([...active.values()].map((entry) => entry.pending));
      const entry = active.get(index)!;
      if (result.done) {
        active.delete(index);
        results[index] = result.value;
        fill();
        continue;
      }
      yield result.value;
      entry.pending = arm(index, entry.generator);
    }
  } finally {
    // Stopped early (consumer returned or a job threw): close the rest; their cleanup runs after their
    // pending step, whose outcome nobody waits for any more.
    for (const { generator, pending } of active.values()) {
      pending.catch(() => {});
      generator.return(undefined as R).catch(() => {});
    }
  }
  return { results, started };
}
