/**
 * One CLI run's shared pieces: the masker, the stdout message writer, the environment whose logs become
 * LOG messages, and the read context handed to sources.
 * @module
 */
import type { Env, LogLevel } from "../env.ts";
import type { AirbyteMessage } from "../protocol/messages.ts";
import { controlConfigMessage, logMessage } from "../protocol/messages.ts";
import { MessageWriter } from "../protocol/writer.ts";
import { SecretMasker } from "../secrets.ts";
import { isErrorTrace } from "../source/runner.ts";
import type { ReadContext } from "../source/types.ts";
import type { JsonObject, JsonSchema } from "../types.ts";
import type { CliArgs } from "./args.ts";
import type { CliIO } from "./io.ts";

/** State of one CLI invocation. */
export class Session {
  /** Parsed arguments. */
  readonly args: CliArgs;
  /** The world. */
  readonly io: CliIO;
  /** Masks secrets in everything printed (filled from the spec once known). */
  readonly masker: SecretMasker = new SecretMasker();
  /** Masks every config string: used only for errors raised before the spec says what is secret. */
  readonly early: SecretMasker = new SecretMasker();
  /** Protocol output. */
  readonly writer: MessageWriter;
  /** Effects for sources; `log` writes LOG messages. */
  readonly env: Env;
  /** Set once a TRACE ERROR was written (exit 1). */
  failed = false;
  /** Set once the spec's secrets are registered. */
  specKnown = false;
  #connectionSpecification: JsonSchema | undefined;

  constructor(args: CliArgs, io: CliIO) {
    this.args = args;
    this.io = io;
    this.writer = new MessageWriter(io.stdout, { masker: this.masker });
    this.env = { ...io.env, log: (level, message) => this.log(level, message) };
  }

  /** Writes one message (awaiting backpressure). */
  emit(message: AirbyteMessage): Promise<void> {
    return this.push(message) ?? Promise.resolve();
  }

  /** Like {@link Session.emit}, but `undefined` when there is nothing to await (the hot record path). */
  push(message: AirbyteMessage): Promise<void> | undefined {
    if (message.type === "TRACE" && isErrorTrace(message)) this.failed = true;
    return this.writer.push(message);
  }

  /** Writes a LOG message now (DEBUG/TRACE only with --debug); a sink failure surfaces on the next emit. */
  log(level: LogLevel, message: string): void {
    if (!this.args.debug && (level === "DEBUG" || level === "TRACE")) return;
    this.writer.write(logMessage(level, message)).catch(() => {});
  }

  /** Registers every config string as an early secret (see {@link Session.early}). */
  rememberConfig(config: JsonObject): void {
    const walk = (value: unknown, depth: number): void => {
      if (depth > 32) return;
      if (typeof value === "string") this.early.add(value);
      else if (Array.isArray(value)) { for (const item of value) walk(item, depth + 1); }
      else if (typeof value === "object" && value !== null) {
        for (const [key, item] of Object.entries(value)) {
          if (depth === 0 && key === "__injected_declarative_manifest") continue;
          walk(item, depth + 1);
        }
      }
    };
    walk(config, 0);
  }

  /** Registers the config's `airbyte_secret` values; from now on errors use the precise masker. */
  registerSecrets(config: JsonObject, connectionSpecification: JsonSchema): void {
    this.#connectionSpecification = connectionSpecification;
    this.masker.addFromSpec(config, connectionSpecification);
    this.specKnown = true;
  }

  /** The context handed to `check`, `streams` and `read`. */
  readContext(): ReadContext {
    const ctx: ReadContext = {
      env: this.env,
      masker: this.masker,
      onConfigUpdate: (config) => {
        // New credentials are secrets too, before anything else is printed.
        if (this.#connectionSpecification) this.masker.addFromSpec(config, this.#connectionSpecification);
        this.writer.write(controlConfigMessage(config, this.env.now())).catch(() => {});
      },
    };
    if (this.args.debug) {
      // --debug: every HTTP exchange (URL already masked) and every pagination/cursor decision as DEBUG LOG.
      ctx.observer = {
        onExchange: (e) =>
          this.log(
            "DEBUG",
            `${e.stream ? `${e.stream}: ` : ""}${e.method} ${e.url} -> ${e.status} (${e.ms} ms)`,
          ),
        onDecision: (e) => this.log("DEBUG", `${e.stream}: ${e.message}`),
      };
    }
    if (this.io.signal) ctx.signal = this.io.signal;
    if (this.args.concurrency !== undefined) ctx.concurrency = this.args.concurrency;
    return ctx;
  }

  /** Writes human text to stderr. */
  async say(text: string): Promise<void> {
    await this.io.stderr(new TextEncoder().encode(text.endsWith("\n") ? text : text + "\n"));
  }
}
