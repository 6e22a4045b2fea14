/**
 * Helpers for consumers of {@link StreamMessage}s: a stream may yield single `record`s or page batches
 * (`records`); these let code that does not care about batching read both the same way.
 * @module
 */
import type { RecordData } from "../types.ts";
import type { StreamMessage } from "./types.ts";

/** A stream message other than a page batch: what {@link unbatchRecords} yields. */
export type SingleStreamMessage = Exclude<StreamMessage, { type: "records" }>;

const NONE: readonly RecordData[] = Object.freeze([]) as readonly RecordData[];

/**
 * The records a message carries, in order: none for a state or log, one for `record`, the page for `records`.
 *
 * @example
 * ```ts
 * import { messageRecords } from "./stream_messages.ts";
 * if (messageRecords({ type: "records", data: [{ id: 1 }, { id: 2 }] }).length !== 2) throw new Error();
 * if (messageRecords({ type: "record", data: { id: 1 } })[0].id !== 1) throw new Error();
 * if (messageRecords({ type: "state", state: {} }).length !== 0) throw new Error();
 * ```
 */
export function messageRecords(message: StreamMessage): readonly RecordData[] {
  if (message.type === "records") return message.data;
  if (message.type === "record") return [message.data];
  return NONE;
}

/**
 * Re-yields `messages` with every `records` batch split into single `record` messages (same order, same
 * `partition`), for consumers that handle records one at a time (tests, tools). Hot paths should consume
 * batches directly instead.
 *
 * @example
 * ```ts
 * import { unbatchRecords } from "./stream_messages.ts";
 * import type { StreamMessage } from "./types.ts";
 * async function* read(): AsyncGenerator<StreamMessage> {
 *   yield { type: "records", data: [{ id: 1 }, { id: 2 }], partition: { p: 1 } };
 *   yield { type: "state", state: { done: true } };
 * }
 * const types: string[] = [];
 * for await (const m of unbatchRecords(read())) types.push(m.type === "record" ? `record:${m.data.id}` : m.type);
 * if (types.join() !== "record:1,record:2,state") throw new Error(types.join());
 * ```
 */
export async function* unbatchRecords(
  messages: AsyncIterable<StreamMessage>,
): AsyncGenerator<SingleStreamMessage, void, undefined> {
  for await (const message of messages) {
    if (message.type !== "records") {
      yield message;
      continue;
    }
    const partition = message.partition;
    for (const data of message.data) {
      yield partition === undefined ? { type: "record", data } : { type: "record", data, partition };
    }
  }
}
