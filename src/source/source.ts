/**
 * `AbstractSource`: a helper base class for code connectors (spec, check, streams), like the Python CDK's.
 * @module
 */
import { toSpoutError } from "../errors.ts";
import type { JsonObject } from "../types.ts";
import type { ConnectionStatus, ConnectorSpec, ReadContext, Source, Stream } from "./types.ts";

/**
 * Base class of code sources. Subclasses give the spec and the streams; `check` reads one record of
 * `checkStreamName` (default: the first stream) and reports FAILED with a masked reason on any error.
 *
 * @example
 * ```ts
 * import { AbstractSource } from "./source.ts";
 * import type { Stream } from "./types.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * class Demo extends AbstractSource {
 *   readonly specification = { connectionSpecification: { type: "object" } };
 *   streams(): Promise<Stream[]> {
 *     return Promise.resolve([{
 *       name: "s",
 *       jsonSchema: () => Promise.resolve({}),
 *       async *read() {
 *         throw new Error("token sk-123 rejected");
 *       },
 *     }]);
 *   }
 * }
 * const masker = new SecretMasker();
 * masker.add("sk-123");
 * const status = await new Demo().check({}, { env: fakeEnv(), masker });
 * if (status.status !== "FAILED" || status.message?.includes("sk-123")) throw new Error(status.message);
 * ```
 */
export abstract class AbstractSource implements Source {
  /** The connector specification. */
  abstract readonly specification: ConnectorSpec;
  /** Stream read by `check` (default: the first stream). */
  readonly checkStreamName?: string;

  /** The spec. */
  spec(): Promise<ConnectorSpec> {
    return Promise.resolve(this.specification);
  }

  /** The streams for a config. */
  abstract streams(config: JsonObject, ctx: ReadContext): Promise<Stream[]>;

  /**
   * Checks the connection. Override for a custom check; the default reads one record (one page) of the
   * check stream.
   */
  async check(config: JsonObject, ctx: ReadContext): Promise<ConnectionStatus> {
    try {
      const streams = await this.streams(config, ctx);
      const stream = this.checkStreamName === undefined
        ? streams[0]
        : streams.find((s) => s.name === this.checkStreamName);
      if (!stream) {
        return {
          status: "FAILED",
          message: `check stream ${this.checkStreamName ?? "(first)"} does not exist`,
        };
      }
      const controller = new AbortController();
      const signal = ctx.signal ? AbortSignal.any([ctx.signal, controller.signal]) : controller.signal;
      const messages = stream.read({ syncMode: "full_refresh" }, {
        ...ctx,
        signal,
        maxPages: 1,
        maxRecords: 1,
      });
      for await (const message of messages) {
        if (message.type === "record" || message.type === "records") break;
      }
      controller.abort();
      return { status: "SUCCEEDED" };
    } catch (error) {
      const e = toSpoutError(error);
      return { status: "FAILED", message: ctx.masker.mask(`Unable to connect to stream: ${e.message}`) };
    }
  }
}
