/**
 * `--record DIR` / `--replay DIR`: wraps the CLI world's fetch with {@link recordingFetch} or
 * {@link replayFetch} (files through `node:fs`).
 * @module
 */
import { recordingFetch, replayFetch, type TextMasker } from "../../dx/record_replay.ts";
import type { CliArgs } from "../args.ts";
import type { CliIO } from "../io.ts";

/**
 * Returns `io` with its fetch recording to / replaying from the directory named by `--record` / `--replay`
 * (unchanged without those flags). `masker` masks secrets in saved exchanges; it is consulted at request
 * time, so secrets registered after this call are masked too.
 */
export function withHttpFixtures(args: CliArgs, io: CliIO, masker: TextMasker): CliIO {
  if (args.record !== undefined) {
    return { ...io, env: { ...io.env, fetch: recordingFetch(io.env.fetch, args.record, masker) } };
  }
  if (args.replay !== undefined) {
    return { ...io, env: { ...io.env, fetch: replayFetch(args.replay, { masker }) } };
  }
  return io;
}
