/**
 * A real `spout` process for signal tests: `run()` from cli.ts with a registry holding one slow stream that
 * checkpoints after every record and waits 20 ms (abortably) between records.
 * @module
 */
import process from "node:process";
import { run } from "../cli.ts";
import type { Source, StreamMessage } from "../src/source/types.ts";

const slow: Source = {
  spec: () => Promise.resolve({ connectionSpecification: { type: "object" } }),
  check: () => Promise.resolve({ status: "SUCCEEDED" }),
  streams: () =>
    Promise.resolve([{
      name: "slow",
      cursorField: ["id"],
      jsonSchema: () => Promise.resolve({}),
      read: async function* (_options, ctx): AsyncGenerator<StreamMessage> {
        for (let id = 1; id <= 10_000; id++) {
          yield { type: "record", data: { id } };
          yield { type: "state", state: { id } };
          if (id === 3) process.stderr.write("ready\n");
          await ctx.env.sleep(20, ctx.signal);
        }
      },
    }]),
};

/** Like `slow`, but a stray timer throws after the third record (a bug outside the read's promise chain). */
const buggy: Source = {
  ...slow,
  streams: async (config, ctx) => {
    const [stream] = await slow.streams(config, ctx);
    return [{
      ...stream,
      name: "slow",
      read: async function* (options, ctx): AsyncGenerator<StreamMessage> {
        let n = 0;
        for await (const message of stream.read(options, ctx)) {
          yield message;
          if (message.type === "record" && ++n === 3) {
            setTimeout(() => Promise.reject(new Error("stray bug")), 0);
          }
        }
      },
    }];
  },
};

process.exit(
  await run(process.argv.slice(2), {
    loadConnectors: () => Promise.resolve({ slow: () => slow, buggy: () => buggy }),
  }),
);
