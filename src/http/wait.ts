/**
 * Long waits that stay observable: sleeps in chunks and logs a liveness line at least every 30 s.
 * @module
 */
import type { Env } from "../env.ts";

/** Default interval between liveness log lines. */
export const LIVENESS_INTERVAL_MS = 30_000;

/** Options for {@link waitWithLiveness}. */
export interface WaitOptions {
  /** Injected effects (sleep, log). */
  env: Pick<Env, "sleep" | "log">;
  /** Cancels the wait. */
  signal?: AbortSignal;
  /** What is being waited for, e.g. "retrying GET https://api/x after HTTP 429". */
  reason: string;
  /** Interval between log lines (default 30 s). */
  intervalMs?: number;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/**
 * Waits `ms`, logging "waiting …" at the start of every chunk of at most `intervalMs`.
 *
 * @example
 * ```ts
 * import { waitWithLiveness } from "./wait.ts";
 * import { fakeEnv } from "../env.ts";
 * const lines: string[] = [];
 * const env = fakeEnv({ log: (_level, message) => lines.push(message) });
 * await waitWithLiveness(65_000, { env, reason: "rate limit" });
 * if (env.slept.join() !== "30000,30000,5000" || lines.length !== 3) throw new Error(lines.join("\n"));
 * ```
 */
export async function waitWithLiveness(ms: number, options: WaitOptions): Promise<void> {
  const interval = Math.max(1, options.intervalMs ?? LIVENESS_INTERVAL_MS);
  let remaining = Math.max(0, ms);
  let first = true;
  while (remaining > 0) {
    const chunk = Math.min(remaining, interval);
    options.env.log(
      "INFO",
      first
        ? `Waiting ${seconds(remaining)} (${options.reason})`
        : `Still waiting, ${seconds(remaining)} left (${options.reason})`,
    );
    first = false;
    await options.env.sleep(chunk, options.signal);
    remaining -= chunk;
  }
}
