/**
 * The CLI's view of the world (`CliIO`) and the default adapter built only from `node:` built-ins, so the
 * same entry point runs under Deno and Node.
 * @module
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";
import { defaultEnv } from "../env.ts";
import type { Env } from "../env.ts";
import type { Sink } from "../protocol/writer.ts";
import type { Source } from "../source/types.ts";

/** Built-in code connectors by name. */
export type ConnectorRegistry = Record<string, () => Source>;

/** Signature of the manifest validator (`src/declarative/validate.ts`). */
export type RunValidate = (
  paths: string[],
  readText: (path: string) => Promise<string>,
  options?: { knownCustomClasses?: ReadonlySet<string> },
) => Promise<{ lines: string[]; ok: boolean }>;

/** Everything the CLI reads from or writes to. Tests pass an in-memory one. */
export interface CliIO {
  /** Protocol output (JSON lines only). */
  stdout: Sink;
  /** Human output: help, usage errors, progress. */
  stderr: Sink;
  /** Reads a UTF-8 file. */
  readTextFile(path: string): Promise<string>;
  /** Time, sleep, random and fetch for the read (its `log` is replaced by protocol LOG output). */
  env: Env;
  /** Aborts a read (SIGINT / SIGTERM). */
  signal?: AbortSignal;
  /** True when stderr is a terminal (progress may be printed). */
  isTTY?: boolean;
  /** Loads the registry of built-in code connectors (for `--connector`). */
  loadConnectors?(): Promise<ConnectorRegistry>;
  /** Imports a TypeScript/JavaScript module by path (for `--components`). */
  importModule?(path: string): Promise<Record<string, unknown>>;
  /** Loads the manifest validator (for `validate`). */
  loadValidator?(): Promise<RunValidate>;
  /** The source built into this program (per-connector binaries): used when no --manifest/--connector. */
  embedded?(): Promise<Source>;
}

/**
 * A {@link Sink} over a Node writable stream: resolves when the stream accepted the chunk (backpressure);
 * an error (write callback or 'error' event, e.g. EPIPE) rejects this and every later write.
 *
 * @example
 * ```ts
 * import { Writable } from "node:stream";
 * import { streamSink } from "./io.ts";
 * const chunks: string[] = [];
 * const sink = streamSink(new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } }));
 * await sink(new TextEncoder().encode("hi\n"));
 * if (chunks.join("") !== "hi\n") throw new Error(chunks.join(""));
 * ```
 */
export function streamSink(stream: NodeJS.WritableStream): Sink {
  // A closed pipe (EPIPE, e.g. `spout read | head`) is reported as an 'error' event too: keep a listener
  // for the whole run so it becomes a rejected write (exit 1) instead of an uncaught exception.
  let failure: unknown;
  stream.on("error", (error: unknown) => {
    failure ??= error;
  });
  return (chunk) =>
    new Promise<void>((resolvePromise, reject) => {
      if (failure !== undefined) return reject(failure);
      try {
        stream.write(chunk, (error) => {
          if (error) reject(error);
          else if (failure !== undefined) reject(failure);
          else resolvePromise();
        });
      } catch (error) {
        failure ??= error;
        reject(error);
      }
    });
}

/** Options for {@link nodeIO}. */
export interface NodeIOOptions {
  /** Aborts the read. */
  signal?: AbortSignal;
  /** Loads the connector registry. */
  loadConnectors?: () => Promise<ConnectorRegistry>;
  /** Loads the manifest validator. */
  loadValidator?: () => Promise<RunValidate>;
  /** The source built into this program (see {@link CliIO.embedded}). */
  embedded?: () => Promise<Source>;
}

/**
 * The real world through `node:process` and `node:fs/promises` (works in Deno and Node).
 *
 * @example
 * ```ts
 * import { nodeIO } from "./io.ts";
 * const io = nodeIO();
 * if (typeof io.readTextFile !== "function") throw new Error("adapter");
 * ```
 */
export function nodeIO(options: NodeIOOptions = {}): CliIO {
  return {
    stdout: streamSink(process.stdout),
    stderr: streamSink(process.stderr),
    readTextFile: (path) => readFile(path, "utf8"),
    env: defaultEnv(),
    signal: options.signal,
    isTTY: process.stderr.isTTY === true,
    loadConnectors: options.loadConnectors,
    loadValidator: options.loadValidator,
    embedded: options.embedded,
    importModule: async (path) => {
      const url = pathToFileURL(resolve(process.cwd(), path)).href;
      return { ...(await import(url)) };
    },
  };
}
