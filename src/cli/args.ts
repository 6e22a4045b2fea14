/**
 * Command-line parsing (the one place that touches `node:util` parseArgs).
 * @module
 */
import { parseArgs } from "node:util";
import { SpoutError } from "../errors.ts";

/** The commands the CLI knows. */
export type Command =
  | "spec"
  | "check"
  | "discover"
  | "read"
  | "validate"
  | "sync"
  | "test-read"
  | "help"
  | "version";

/** Parsed command line. */
export interface CliArgs {
  /** The command. */
  command: Command;
  /** `--config PATH`. */
  config?: string;
  /** `--catalog PATH`. */
  catalog?: string;
  /** `--state PATH`. */
  state?: string;
  /** `--manifest PATH` (alias `--manifest-path`). */
  manifest?: string;
  /** `--components PATH` (alias `--components-path`). */
  components?: string;
  /** `--connector NAME`. */
  connector?: string;
  /** `--concurrency N` (partitions read at once). */
  concurrency?: number;
  /** `--stream-concurrency N` (streams read at once). */
  streamConcurrency?: number;
  /** `--debug`: also print DEBUG logs. */
  debug: boolean;
  /** Positional arguments after the command (validate's paths). */
  paths: string[];
  /** `--dest sqlite:PATH | jsonl:DIR` (sync). */
  dest?: string;
  /** `--mode append|dedupe` (sync). */
  mode?: "append" | "dedupe";
  /** `--stream NAME` (test-read; repeatable). */
  streams?: string[];
  /** `--limit N` records per stream (test-read). */
  limit?: number;
  /** `--pages N` pages per partition (test-read). */
  pages?: number;
  /** `--json`: one JSON document instead of tables (test-read). */
  json?: boolean;
  /** `--infer`: also infer a JSON schema and suggest record path / paginator (test-read). */
  infer?: boolean;
  /** `--record DIR`: save every HTTP exchange (secrets masked) as files. */
  record?: string;
  /** `--replay DIR`: serve HTTP exchanges from files, no network. */
  replay?: string;
}

/** Help text printed for `--help` and on usage errors. */
export const HELP: string = `spout — run Airbyte source connectors (low-code manifests or TypeScript code)

Usage:
  spout spec     [--manifest PATH | --connector NAME]
  spout check    --config PATH [--manifest PATH | --connector NAME]
  spout discover --config PATH [--manifest PATH | --connector NAME]
  spout read     --config PATH --catalog PATH [--state PATH] [--manifest PATH | --connector NAME]
  spout validate [--components PATH] MANIFEST...
  spout sync      --config PATH [--catalog PATH] [--dest sqlite:PATH | jsonl:DIR] [--mode append|dedupe]
                  [--stream NAME] [--manifest PATH | --connector NAME]
  spout test-read --config PATH [--stream NAME] [--limit N] [--pages N] [--json] [--infer]
                  [--manifest PATH | --connector NAME]
  spout init NAME [--manifest | --code] [--dir connectors]
  spout detect RESPONSE.json [--url URL] [--header "Name: value"] [--json]

Options:
  --config PATH          connector config (JSON)
  --catalog PATH         configured catalog (JSON)
  --state PATH           input state (JSON: list of state messages, or the legacy object)
  --manifest PATH        low-code manifest (YAML); alias --manifest-path. Without it, a config key
                         "__injected_declarative_manifest" is used, as in Airbyte's source-declarative-manifest
  --components PATH      TypeScript module with custom components (exports keyed by class name); alias
                         --components-path
  --connector NAME       a built-in code connector
  --concurrency N        partitions of a stream read at once (default 1)
  --stream-concurrency N streams read at once (default 1: in catalog order)
  --debug                include DEBUG logs
  --dest SPEC            sync destination: sqlite:PATH (default ./data/NAME.db) or jsonl:DIR
  --mode MODE            sync: dedupe (default; upsert by primary key) or append
  --stream NAME          sync, test-read: only this stream (repeatable)
  --limit N              test-read: stop each stream after N records (and show N; default: show 10)
  --pages N              test-read: pages per partition (default 2)
  --json                 test-read: print one JSON document
  --infer                test-read: print an inferred JSON schema, record path and paginator suggestions
  --record DIR           save every HTTP exchange (secrets masked) as files in DIR
  --replay DIR           answer HTTP requests from the files in DIR (no network)
  -h, --help             this help
  --version              print the version

Output: Airbyte protocol messages, one JSON object per line, on stdout. Exit codes: 0 ok, 1 failure
(after a TRACE ERROR message), 2 usage error.
`;

const COMMANDS: ReadonlySet<string> = new Set([
  "spec",
  "check",
  "discover",
  "read",
  "validate",
  "sync",
  "test-read",
  "help",
]);

function usage(message: string): never {
  throw new SpoutError("usage_error", message);
}

function count(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 256) {
    usage(`${flag} must be an integer from 1 to 256, got "${text}"`);
  }
  return n;
}

/**
 * Parses the arguments after the program name. Throws a `usage_error` {@link SpoutError} for anything wrong.
 *
 * @example
 * ```ts
 * import { parseCliArgs } from "./args.ts";
 * const args = parseCliArgs(["read", "--config", "c.json", "--catalog", "cat.json", "--manifest-path", "m.yaml"]);
 * if (args.command !== "read" || args.manifest !== "m.yaml") throw new Error("parse");
 * ```
 */
export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: "string" },
        catalog: { type: "string" },
        state: { type: "string" },
        manifest: { type: "string" },
        "manifest-path": { type: "string" },
        components: { type: "string" },
        "components-path": { type: "string" },
        connector: { type: "string" },
        concurrency: { type: "string" },
        "stream-concurrency": { type: "string" },
        debug: { type: "boolean" },
        dest: { type: "string" },
        mode: { type: "string" },
        stream: { type: "string", multiple: true },
        limit: { type: "string" },
        pages: { type: "string" },
        json: { type: "boolean" },
        infer: { type: "boolean" },
        record: { type: "string" },
        replay: { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
    });
  } catch (error) {
    usage(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const first = positionals[0];
  let command: Command;
  if (values.help) command = "help";
  else if (values.version && first === undefined) command = "version";
  else if (first === undefined) {
    usage("missing command: expected spec, check, discover, read, validate, sync, test-read, init or detect");
  } else if (!COMMANDS.has(first)) {
    usage(
      `unknown command "${first}": expected spec, check, discover, read, validate, sync, test-read, init or detect`,
    );
  } else command = first as Command;

  const paths = positionals.slice(1);
  if (command !== "validate" && command !== "help" && paths.length > 0) {
    usage(`unexpected argument "${paths[0]}" for ${command}`);
  }
  if (values.manifest !== undefined && values["manifest-path"] !== undefined) {
    usage("give the manifest once: --manifest or --manifest-path");
  }
  if (values.components !== undefined && values["components-path"] !== undefined) {
    usage("give the components once: --components or --components-path");
  }
  const manifest = values.manifest ?? values["manifest-path"];
  const components = values.components ?? values["components-path"];
  if (manifest !== undefined && values.connector !== undefined) {
    usage("use either --manifest or --connector, not both");
  }
  if (components !== undefined && values.connector !== undefined) {
    usage("--components only applies to manifests");
  }

  const concurrency = count("--concurrency", values.concurrency);
  const streamConcurrency = count("--stream-concurrency", values["stream-concurrency"]);
  const args: CliArgs = { command, debug: values.debug === true, paths };
  if (values.config !== undefined) args.config = values.config;
  if (values.catalog !== undefined) args.catalog = values.catalog;
  if (values.state !== undefined) args.state = values.state;
  if (manifest !== undefined) args.manifest = manifest;
  if (components !== undefined) args.components = components;
  if (values.connector !== undefined) args.connector = values.connector;
  if (concurrency !== undefined) args.concurrency = concurrency;
  if (streamConcurrency !== undefined) args.streamConcurrency = streamConcurrency;

  addDxArgs(args, values);

  if (
    (command === "check" || command === "discover" || command === "read" || command === "sync" ||
      command === "test-read") && args.config === undefined
  ) {
    usage(`${command} needs --config PATH`);
  }
  if (command === "read" && args.catalog === undefined) usage("read needs --catalog PATH");
  if (command === "validate" && paths.length === 0) usage("validate needs at least one manifest path");
  return args;
}

function positive(flag: string, text: string | undefined, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    usage(`${flag} must be an integer from 1 to ${max}, got "${text}"`);
  }
  return n;
}

/** Flags of sync, test-read and record/replay (kept apart from the core flags above). */
function addDxArgs(
  args: CliArgs,
  values: {
    dest?: string;
    mode?: string;
    stream?: string[];
    limit?: string;
    pages?: string;
    json?: boolean;
    infer?: boolean;
    record?: string;
    replay?: string;
  },
): void {
  if (values.dest !== undefined) args.dest = values.dest;
  if (values.mode !== undefined) {
    if (values.mode !== "append" && values.mode !== "dedupe") {
      usage(`--mode must be append or dedupe, got "${values.mode}"`);
    }
    args.mode = values.mode;
  }
  if (values.stream !== undefined && values.stream.length > 0) args.streams = [...values.stream];
  const limit = positive("--limit", values.limit, 1_000_000);
  if (limit !== undefined) args.limit = limit;
  const pages = positive("--pages", values.pages, 100_000);
  if (pages !== undefined) args.pages = pages;
  if (values.json) args.json = true;
  if (values.infer) args.infer = true;
  if (values.record !== undefined && values.replay !== undefined) {
    usage("use either --record or --replay, not both");
  }
  if (values.record !== undefined) args.record = values.record;
  if (values.replay !== undefined) args.replay = values.replay;
}
