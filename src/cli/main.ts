/**
 * The CLI entry point: `main(args, io)` parses arguments, finds the source, masks secrets, dispatches to a
 * command and returns the exit code (0 ok, 1 failure after a TRACE ERROR, 2 usage error).
 *
 * How a connector command runs (spec, check, discover, read):
 * 1. The config file is read (`__proto__` keys dropped); until the spec is known, every config string is
 *    treated as secret in error messages.
 * 2. The source comes from `--connector NAME`, `--manifest PATH` (+ `--components`), or the config's
 *    `__injected_declarative_manifest` (Airbyte's source-declarative-manifest convention).
 * 3. The spec's `airbyte_secret` values are registered with the masker before anything else is printed;
 *    LOG / TRACE / CONNECTION_STATUS output is masked from then on (RECORD, STATE and CONTROL are data).
 * 4. The config is validated against `connectionSpecification` (formats not asserted, as the reference):
 *    `check` answers CONNECTION_STATUS FAILED (exit 0); `discover` / `read` print a config_error TRACE (exit 1).
 * 5. `read` parses the catalog and state before any request, then streams messages to stdout.
 *
 * Differences from Airbyte's `source-declarative-manifest`: `spec --manifest` prints the manifest's own spec
 * (the reference prints the generic one); a missing source is a usage error (exit 2), not a TRACE; `--state`
 * also accepts the legacy `{stream: state}` object and JSON Lines (a previous read's stdout).
 * @module
 */
import { SpoutError } from "../errors.ts";
import { parseJsonSafe } from "../protocol/json.ts";
import { errorToTrace } from "../source/runner.ts";
import { interrupted } from "../source/stream_run.ts";
import type { Source } from "../source/types.ts";
import { isObject } from "../types.ts";
import type { JsonObject } from "../types.ts";
import { HELP, parseCliArgs } from "./args.ts";
import type { CliArgs } from "./args.ts";
import { runCheck } from "./commands/check.ts";
import { runDiscover } from "./commands/discover.ts";
import { runRead } from "./commands/read.ts";
import { runSpec } from "./commands/spec.ts";
import { withHttpFixtures } from "./commands/http_fixtures.ts";
import type { CliIO } from "./io.ts";
import { Session } from "./session.ts";
import { loadSource, readInputFile } from "./source_loader.ts";
import { VERSION } from "./version.ts";

const encoder = new TextEncoder();

async function usageError(io: CliIO, message: string): Promise<number> {
  await io.stderr(encoder.encode(`spout: ${message}\n\n${HELP}`));
  return 2;
}

async function readConfig(session: Session, path: string): Promise<JsonObject> {
  const value = parseJsonSafe(await readInputFile(session.io, path, "config"), `config file ${path}`);
  if (!isObject(value)) throw new SpoutError("config_error", `config file ${path} must hold a JSON object`);
  return value as JsonObject;
}

async function runConnectorCommand(session: Session): Promise<number> {
  const { args, io } = session;
  try {
    const config = args.config === undefined ? undefined : await readConfig(session, args.config);
    if (config) session.rememberConfig(config);
    const source: Source | undefined = await loadSource(args, config, io);
    if (args.command === "spec") {
      await runSpec(session, source);
      return 0;
    }
    if (!source || !config) {
      return await usageError(
        io,
        `${args.command} needs a source: --manifest PATH, --connector NAME, or a config with ` +
          "__injected_declarative_manifest",
      );
    }
    const spec = await source.spec();
    session.registerSecrets(config, spec.connectionSpecification);
    if (args.command === "check") await runCheck(session, source, config, spec);
    else if (args.command === "discover") await runDiscover(session, source, config, spec);
    else if (args.command === "sync") {
      const { runSync } = await import("./commands/sync.ts");
      await runSync(session, source, config, spec);
    } else if (args.command === "test-read") {
      const { runTestRead } = await import("./commands/test_read.ts");
      await runTestRead(session, source, config, spec);
    } else await runRead(session, source, config, spec);
  } catch (error) {
    if (error instanceof SpoutError && error.code === "usage_error") {
      return await usageError(io, error.message);
    }
    const masker = session.specKnown ? session.masker : session.early;
    try {
      const ctx = { env: session.env, masker, signal: io.signal };
      await session.emit(io.signal?.aborted ? interrupted(ctx) : errorToTrace(error, ctx));
    } catch {
      // stdout is gone (e.g. EPIPE): nothing more can be reported there.
    }
  }
  return session.failed ? 1 : 0;
}

/**
 * Runs the CLI with `args` (without the program name) against `io`; resolves to the exit code.
 *
 * @example
 * ```ts
 * import { main } from "./main.ts";
 * import { fakeEnv } from "../env.ts";
 * const out: Uint8Array[] = [];
 * const code = await main(["spec"], {
 *   stdout: (chunk) => {
 *     out.push(chunk);
 *   },
 *   stderr: () => {},
 *   readTextFile: () => Promise.reject(new Error("no files")),
 *   env: fakeEnv(),
 * });
 * const message = JSON.parse(new TextDecoder().decode(out[0]));
 * if (code !== 0 || message.type !== "SPEC") throw new Error("spec expected");
 * ```
 */
export async function main(args: string[], io: CliIO): Promise<number> {
  // `init NAME --manifest` uses --manifest as a switch: it has its own parser.
  // Commands other than the connector protocol are loaded on demand: a read does not pay for their modules
  // (~7 MB RSS and start-up time; init pulls in the node:fs compatibility layer).
  if (args[0] === "init") return await (await import("./commands/init.ts")).runInitCommand(args.slice(1), io);
  if (args[0] === "detect") {
    return await (await import("./commands/detect.ts")).runDetectCommand(args.slice(1), io);
  }
  let parsed: CliArgs;
  try {
    parsed = parseCliArgs(args);
  } catch (error) {
    return await usageError(io, error instanceof Error ? error.message : String(error));
  }
  if (parsed.command === "help") {
    await io.stdout(encoder.encode(HELP));
    return 0;
  }
  if (parsed.command === "version") {
    await io.stdout(encoder.encode(`spout ${VERSION}\n`));
    return 0;
  }
  if (parsed.command === "validate") {
    try {
      const { runValidateCommand } = await import("./commands/validate.ts");
      return await runValidateCommand(parsed.paths, io, parsed.components);
    } catch (error) {
      await io.stderr(
        encoder.encode(`spout: validate failed: ${error instanceof Error ? error.message : error}\n`),
      );
      return 1;
    }
  }
  // --record / --replay wrap fetch; the masker is the session's, consulted per request.
  const masker = { mask: (text: string) => session.masker.mask(text) };
  const session: Session = new Session(parsed, withHttpFixtures(parsed, io, masker));
  const code = await runConnectorCommand(session);
  try {
    await session.writer.flush();
  } catch {
    return 1;
  }
  return code;
}
