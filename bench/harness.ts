/**
 * Bench plumbing: the bench server process, contender subprocesses with their stdout counted (lines, RECORD
 * lines, bytes) and their memory and CPU polled from `/proc/<pid>/`, and server-side timing per run id.
 * @module
 */

/** `deno` itself. */
export const DENO: string = Deno.execPath();
/** Absolute path of a file in the repository. */
export function repoPath(relative: string): string {
  return new URL(`../${relative}`, import.meta.url).pathname;
}

/** Wall clock in epoch milliseconds with sub-millisecond resolution (comparable across processes). */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

/** A running bench server. */
export interface BenchServer {
  /** Base URL, e.g. `http://127.0.0.1:1234`. */
  url: string;
  /** PID of the server process. */
  pid: number;
  /** Pre-generates the pages of a run (so no contender pays for generating them). */
  warm(total: number, pageSize: number, part?: string): Promise<void>;
  /** Server-side timing of a run id. */
  stats(run: string): Promise<{ first: number; last: number; requests: number } | null>;
  /** Stops the server process. */
  close(): Promise<void>;
}

/** Starts bench/server.ts in its own process. */
export async function startServer(): Promise<BenchServer> {
  const child = new Deno.Command(DENO, {
    args: ["run", "-A", "--no-check", repoPath("bench/server.ts")],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error("bench server exited before printing its port");
    text += value;
  }
  reader.releaseLock();
  void child.stdout.cancel().catch(() => {});
  const port = (JSON.parse(text.split("\n")[0]) as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  const stdin = child.stdin.getWriter();
  return {
    url,
    pid: child.pid,
    async warm(total, pageSize, part = "") {
      const response = await fetch(`${url}/warm?total=${total}&limit=${pageSize}&part=${part}`);
      await response.body?.cancel();
    },
    async stats(run) {
      const response = await fetch(`${url}/stats?run=${encodeURIComponent(run)}`);
      return await response.json();
    },
    async close() {
      await stdin.close().catch(() => {});
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await child.status;
      clearTimeout(timer);
    },
  };
}

const RECORD_PREFIX = new TextEncoder().encode('{"type":"RECORD"');

/** Counts bytes, lines and RECORD lines of a JSON-lines byte stream, chunk by chunk. */
export class OutputCounter {
  /** Bytes seen. */
  bytes = 0;
  /** Complete lines seen. */
  lines = 0;
  /** Lines starting with `{"type":"RECORD"`. */
  records = 0;
  #head: number[] | null = [];

  /** Feeds one chunk. */
  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    let pos = 0;
    const n = chunk.length;
    while (pos < n) {
      const head = this.#head;
      if (head !== null) {
        if (head.length === 0 && pos + 16 <= n) {
          let match = true;
          for (let k = 0; k < 16; k++) {
            if (chunk[pos + k] !== RECORD_PREFIX[k]) {
              match = false;
              break;
            }
          }
          if (match) this.records++;
          this.#head = null;
        } else {
          while (head.length < 16 && pos < n && chunk[pos] !== 10) head.push(chunk[pos++]);
          if (head.length === 16) {
            if (head.every((b, k) => b === RECORD_PREFIX[k])) this.records++;
            this.#head = null;
          } else if (pos < n) this.#head = null; // a line shorter than the prefix
          else break;
        }
      }
      const nl = chunk.indexOf(10, pos);
      if (nl < 0) break;
      this.lines++;
      pos = nl + 1;
      this.#head = [];
    }
  }
}

/** Memory and CPU of a live process, from `/proc`. */
export interface ProcSample {
  /** Resident set size now (KiB). */
  rssKb: number;
  /** Peak resident set size so far (KiB). */
  hwmKb: number;
  /** User + system CPU time so far (ms). */
  cpuMs: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** Reads `/proc/<pid>/status` and `/proc/<pid>/stat`; undefined once the process is gone. */
export function sampleProc(pid: number): ProcSample | undefined {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    const rss = /VmRSS:\s+(\d+)/.exec(status);
    const hwm = /VmHWM:\s+(\d+)/.exec(status);
    // fields after the ")" of the command name: state is field 3, utime 14, stime 15
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const cpu = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    if (!rss || !hwm) return undefined;
    return { rssKb: Number(rss[1]), hwmKb: Number(hwm[1]), cpuMs: cpu };
  } catch {
    return undefined;
  }
}

/** What one contender run produced. */
export interface RunResult {
  /** Exit code. */
  code: number;
  /** Epoch ms just before spawning. */
  started: number;
  /** Epoch ms when stdout ended. */
  ended: number;
  /** Output counts. */
  output: { bytes: number; lines: number; records: number };
  /** Peak RSS (KiB, last VmHWM seen). */
  peakRssKb: number;
  /** CPU time (ms, last seen). */
  cpuMs: number;
  /** CPU time when the first stdout bytes arrived (ms): start-up cost, excluded from the read's CPU. */
  cpuAtFirstOutputMs: number;
  /** RSS (KiB) when the record count first reached each mark (see {@link RunOptions.rssMarks}). */
  rssAt: Record<number, number>;
  /** Stderr text (last 4 KiB). */
  stderr: string;
}

/** Options of {@link runContender}. */
export interface RunOptions {
  /** Arguments to `deno`. */
  args: string[];
  /** Record counts at which to sample RSS. */
  rssMarks?: number[];
  /** Kills the process after this long (default 10 minutes). */
  timeoutMs?: number;
  /** Another program instead of deno (e.g. the Python CDK). */
  command?: string;
  /** Extra environment. */
  env?: Record<string, string>;
}

/** Runs one contender with stdout piped into an {@link OutputCounter}, polling its memory every 10 ms. */
export async function runContender(options: RunOptions): Promise<RunResult> {
  const started = epochMs();
  const child = new Deno.Command(options.command ?? DENO, {
    args: options.args,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: options.env,
  }).spawn();
  const pid = child.pid;
  let last: ProcSample = { rssKb: 0, hwmKb: 0, cpuMs: 0 };
  const poll = () => {
    const s = sampleProc(pid);
    if (s) last = s;
  };
  const timer = setInterval(poll, 10);
  const killer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 600_000);
  const counter = new OutputCounter();
  const marks = [...(options.rssMarks ?? [])].sort((a, b) => a - b);
  const rssAt: Record<number, number> = {};
  const stderrText = new Response(child.stderr).text();
  let cpuAtFirstOutputMs = -1;
  for await (const chunk of child.stdout) {
    if (cpuAtFirstOutputMs < 0) {
      poll();
      cpuAtFirstOutputMs = last.cpuMs;
    }
    counter.push(chunk);
    while (marks.length > 0 && counter.records >= marks[0]) {
      poll();
      rssAt[marks.shift()!] = last.rssKb;
    }
  }
  const ended = epochMs();
  poll();
  const status = await child.status;
  clearInterval(timer);
  clearTimeout(killer);
  const stderr = (await stderrText).slice(-4096);
  return {
    code: status.code,
    started,
    ended,
    output: { bytes: counter.bytes, lines: counter.lines, records: counter.records },
    peakRssKb: last.hwmKb,
    cpuMs: last.cpuMs,
    cpuAtFirstOutputMs: Math.max(0, cpuAtFirstOutputMs),
    rssAt,
    stderr,
  };
}

/** Median of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
