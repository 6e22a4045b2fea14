/**
 * Runs spout's CLI `main()` in-process on every conformance scenario (same manifest, config, catalog, state,
 * frozen clock and scripted server as the reference run) and compares with the committed goldens.
 *
 * Standalone: `deno run -A tests/conformance_runner.ts [name...]` prints every difference as JSON lines.
 * @module
 */
import { main } from "../src/cli/main.ts";
import type { CliIO } from "../src/cli/io.ts";
import type { Env } from "../src/env.ts";
import { type AllowEntry, applyNarrow } from "./conformance_allow.ts";
import { compareRun, type Difference } from "./conformance_compare.ts";
import {
  canonical,
  finalStates,
  type GoldenRun,
  normaliseMessage,
  normaliseRequest,
  type NormalMessage,
  replaceDeep,
  secretValues,
} from "./conformance_normalize.ts";
import { BASE_PLACEHOLDER, scenarioForRun, startScenarioServer } from "./scenario_server.ts";

/** Where scenarios live. */
export const SCENARIO_DIR: string = new URL("./conformance/scenarios/", import.meta.url).pathname;

export type { AllowEntry } from "./conformance_allow.ts";

/** Result of one scenario. */
export interface ScenarioResult {
  name: string;
  /** Differences not allow-listed, per run index. */
  differences: { run: number; command: string; diff: Difference }[];
  /** Differences that the allow-list accepts. */
  allowed: { run: number; field: string; reason: string }[];
  /** An exception while running spout (harness-level). */
  crash?: string;
  /** spout's TRACE error messages (diagnostics, not compared). */
  notes?: string[];
  /** `family` (hand-written), `corpus` (real manifest, reference read succeeds) or `corpus-failure-path`. */
  category?: string;
}

/** Lists scenario names that have a golden. */
export async function listScenarios(): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(SCENARIO_DIR)) {
    if (!entry.isDirectory) continue;
    try {
      await Deno.stat(`${SCENARIO_DIR}${entry.name}/expected.json`);
      names.push(entry.name);
    } catch {
      // no golden yet
    }
  }
  return names.sort();
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await Deno.readTextFile(path));
}

/**
 * The reference runs under a frozen clock; spout gets the same instant. `sleep` returns at once but moves the
 * clock forward by the requested time (a clock that never moves would make rate-limit waits spin forever;
 * scenarios use zero backoff, so templates still see the frozen instant).
 */
function fixedEnv(now: number): Env {
  let clock = now;
  return {
    now: () => clock,
    sleep: (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) return Promise.reject(signal.reason);
      clock += Math.max(0, ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    fetch: (request: Request) => fetch(request),
    log: () => {},
  };
}

/** Runs spout on one scenario; returns its runs in golden form. */
export async function runSpout(
  name: string,
  timeoutMs = 30_000,
): Promise<SpoutRun> {
  const dir = `${SCENARIO_DIR}${name}/`;
  const scenario = await readJson(`${dir}scenario.json`) as Record<string, unknown>;
  const golden = await readJson(`${dir}expected.json`) as { now: string };
  const manifestText = await Deno.readTextFile(`${dir}manifest.yaml`);
  const configTpl = await readJson(`${dir}config.json`) as Record<string, unknown>;
  let catalogText: string | undefined;
  try {
    catalogText = await Deno.readTextFile(`${dir}catalog.json`);
  } catch {
    catalogText = undefined;
  }
  const now = Date.parse(golden.now);
  const runs = (scenario.runs as Record<string, unknown>[] | undefined) ?? [{ command: "read" }];
  const out: GoldenRun[] = [];
  let previous: Record<string, unknown>[] = [];
  const notes: string[] = [];
  for (let index = 0; index < runs.length; index++) {
    const run = runs[index];
    const command = run.command as string;
    const server = startScenarioServer(scenarioForRun(scenario, index));
    const base = server.baseUrl;
    const stdout: string[] = [];
    let code: number;
    try {
      const config = replaceDeep(configTpl, BASE_PLACEHOLDER, base);
      const files = new Map<string, string>([
        ["manifest.yaml", manifestText.split(BASE_PLACEHOLDER).join(base)],
        ["config.json", JSON.stringify(config)],
      ]);
      const args = [command, "--config", "config.json", "--manifest-path", "manifest.yaml"];
      if (command === "read") {
        files.set("catalog.json", catalogText ?? "{}");
        args.push("--catalog", "catalog.json");
        const ref = run.state;
        let state: unknown;
        if (ref === "previous") state = replaceDeep(previous, BASE_PLACEHOLDER, base);
        else if (typeof ref === "string") {
          state = replaceDeep(await readJson(`${dir}${ref}`), BASE_PLACEHOLDER, base);
        } else if (ref !== undefined) state = replaceDeep(ref, BASE_PLACEHOLDER, base);
        if (state !== undefined) {
          files.set("state.json", JSON.stringify(state));
          args.push("--state", "state.json");
        }
      }
      const decoder = new TextDecoder();
      const io: CliIO = {
        stdout: (chunk) => {
          stdout.push(decoder.decode(chunk));
        },
        stderr: () => {},
        readTextFile: (path) => {
          const text = files.get(path);
          return text === undefined ? Promise.reject(new Error(`ENOENT: ${path}`)) : Promise.resolve(text);
        },
        env: fixedEnv(now),
        signal: AbortSignal.timeout(timeoutMs),
      };
      code = await main(args, io);
      const secrets = secretValues(config, (scenario.secrets as string[] | undefined) ?? []);
      const raw = stdout.join("").split("\n").filter((l) => l.trim().startsWith("{")).map((l) =>
        JSON.parse(l) as Record<string, unknown>
      );
      const messages = raw.map((m) => normaliseMessage(m, base)).filter((m): m is NormalMessage =>
        m !== undefined
      );
      for (const m of raw) {
        const trace = m.trace as
          | { type?: string; error?: { message?: string; internal_message?: string } }
          | undefined;
        if (m.type === "TRACE" && trace?.type === "ERROR") {
          notes.push(`run ${index}: ${trace.error?.message} | ${trace.error?.internal_message ?? ""}`);
        }
      }
      if (command === "read") previous = replaceDeep(finalStates(raw), base, BASE_PLACEHOLDER);
      out.push({
        command,
        exit_code: code,
        messages,
        requests: server.requests.map((r) => normaliseRequest(r, base, secrets)),
      });
    } finally {
      await server.close();
    }
  }
  return { runs: out, ordered: scenario.ordered_requests === true, notes };
}

type SpoutRun = { runs: GoldenRun[]; ordered: boolean; notes: string[] };

/**
 * Runs spout for scenarios in a child process (`deno run tests/conformance_runner.ts --child NAME...`), one JSON
 * line per scenario. A scenario that exceeds its budget (or exhausts the child's heap) kills the child; the rest
 * continue in a fresh one. In-process runs cannot be stopped when a read never yields.
 */
export class IsolatedRunner {
  #results = new Map<string, SpoutRun | Error>();
  constructor(readonly budgetMs = 20_000, readonly heapMb = 1024) {}

  /** Runs every name (at most one child at a time); afterwards {@link result} answers per name. */
  async runAll(names: string[]): Promise<void> {
    let pending = [...names];
    while (pending.length > 0) {
      const done = await this.#child(pending);
      pending = pending.filter((n) => !this.#results.has(n));
      if (done === 0 && pending.length > 0) {
        this.#results.set(pending[0], new Error("spout child process failed before reporting"));
        pending = pending.slice(1);
      }
    }
  }

  /** The outcome for one name. */
  result(name: string): SpoutRun | Error {
    return this.#results.get(name) ?? new Error("not run");
  }

  async #child(names: string[]): Promise<number> {
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        `--v8-flags=--max-old-space-size=${this.heapMb}`,
        new URL(import.meta.url).pathname,
        "--child",
        ...names,
      ],
      stdout: "piped",
      stderr: "null",
    }).spawn();
    let done = 0;
    let current = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        this.#results.set(
          names[current],
          new Error(`spout did not finish within ${this.budgetMs} ms (killed)`),
        );
        try {
          child.kill("SIGKILL");
        } catch {
          // already gone
        }
      }, this.budgetMs);
    };
    arm();
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of child.stdout) {
      buffer += decoder.decode(chunk, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (!line.startsWith("{")) continue;
        const msg = JSON.parse(line) as { name: string; result?: SpoutRun; error?: string };
        this.#results.set(msg.name, msg.result ?? new Error(msg.error));
        done++;
        current = names.indexOf(msg.name) + 1;
        arm();
      }
    }
    clearTimeout(timer);
    const status = await child.status;
    if (!status.success && current < names.length && !this.#results.has(names[current])) {
      this.#results.set(
        names[current],
        new Error(`spout child exited (${status.code}, signal ${status.signal})`),
      );
    }
    return done + (this.#results.has(names[current]) ? 1 : 0);
  }
}

/** Runs and compares one scenario against its golden and the allow-list. */
export async function checkScenario(
  name: string,
  allow: AllowEntry[],
  runner?: IsolatedRunner,
): Promise<ScenarioResult> {
  const result: ScenarioResult = { name, differences: [], allowed: [] };
  const meta = await readJson(`${SCENARIO_DIR}${name}/scenario.json`) as {
    corpus?: string;
    failure_path?: boolean;
  };
  result.category = meta.corpus ? (meta.failure_path ? "corpus-failure-path" : "corpus") : "family";
  const golden = await readJson(`${SCENARIO_DIR}${name}/expected.json`) as {
    runs: GoldenRun[];
    nondeterministic?: boolean;
  };
  let actual: SpoutRun;
  try {
    if (runner) {
      const outcome = runner.result(name);
      if (outcome instanceof Error) throw outcome;
      actual = outcome;
    } else actual = await runSpout(name);
  } catch (error) {
    result.crash = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return result;
  }
  result.notes = actual.notes;
  golden.runs.forEach((expectedRaw, index) => {
    const actualRaw = actual.runs[index];
    const entries = allow.filter((a) => a.scenario === name && (a.run === undefined || a.run === index));
    // Narrow entries rewrite exactly the deliberate difference out of the pair; everything is still compared.
    let expectedRun = expectedRaw;
    let actualRun = actualRaw;
    const applied: AllowEntry[] = [];
    for (const entry of entries.filter((e) => e.mode !== undefined)) {
      const out = applyNarrow(entry, expectedRun, actualRun);
      if (out.ok) {
        expectedRun = out.expected;
        actualRun = out.actual;
        applied.push(entry);
      } else result.notes?.push(`run ${index}: allow-list ${entry.mode} does not apply: ${out.why}`);
    }
    const compare = (e: GoldenRun, a: GoldenRun) =>
      compareRun(
        e,
        a,
        actual.ordered,
        // Intermediate states depend on the order partitions finish: compare them only when both sides sent
        // the same requests in the same order.
        golden.nondeterministic !== true && canonical(e.requests) === canonical(a.requests),
      );
    const diffs = compare(expectedRun, actualRun);
    if (applied.length > 0) {
      const before = new Set(compare(expectedRaw, actualRaw).map((d) => d.field));
      const after = new Set(diffs.map((d) => d.field));
      for (const entry of applied) {
        if (before.has(entry.field) && !after.has(entry.field)) {
          result.allowed.push({ run: index, field: entry.field, reason: entry.reason });
        }
      }
    }
    for (const diff of diffs) {
      const entry = entries.find((a) => a.mode === undefined && a.field === diff.field);
      if (entry) result.allowed.push({ run: index, field: diff.field, reason: entry.reason });
      else result.differences.push({ run: index, command: expectedRaw.command, diff });
    }
  });
  return result;
}

/** Loads the allow-list. */
export async function loadAllowList(): Promise<AllowEntry[]> {
  const url = new URL("./conformance/allowlist.json", import.meta.url);
  const file = JSON.parse(await Deno.readTextFile(url)) as { entries: AllowEntry[] };
  return file.entries;
}

async function childMain(names: string[]): Promise<void> {
  const encoder = new TextEncoder();
  for (const name of names) {
    let line: string;
    try {
      line = JSON.stringify({ name, result: await runSpout(name) });
    } catch (error) {
      line = JSON.stringify({
        name,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    }
    await Deno.stdout.write(encoder.encode(line + "\n"));
  }
}

if (import.meta.main && Deno.args[0] === "--child") {
  await childMain(Deno.args.slice(1));
  Deno.exit(0);
} else if (import.meta.main) {
  const allow = await loadAllowList();
  const names = Deno.args.length ? Deno.args : await listScenarios();
  let matched = 0;
  const runner = new IsolatedRunner();
  await runner.runAll(names);
  for (const name of names) {
    const r = await checkScenario(name, allow, runner);
    const ok = !r.crash && r.differences.length === 0;
    if (ok) matched++;
    console.log(
      JSON.stringify({
        scenario: name,
        ok,
        crash: r.crash,
        differences: r.differences,
        allowed: r.allowed,
        notes: ok ? undefined : r.notes,
      }),
    );
  }
  console.log(`scenarios: ${names.length}, matched: ${matched}`);
}
