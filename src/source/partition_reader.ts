/**
 * Reads partitions concurrently (bounded), keeps the records of each partition in order, and checkpoints in
 * order: a partition is closed (and its checkpoint yielded) only once it and every partition before it have
 * had all their records yielded. A state therefore never claims an unfinished partition.
 * @module
 */
import type { JsonObject, RecordData } from "../types.ts";
import type { StreamMessage } from "./types.ts";

/** Options of {@link readPartitions}. Give `read` (records) or `readBatches` (pages of records). */
export interface PartitionReaderOptions<P> {
  /** Partitions to read, generated lazily (at most `concurrency` are pulled ahead of completion). */
  partitions: AsyncIterable<P> | Iterable<P>;
  /** Reads the records of one partition, in order. `signal` aborts when the read stops early. */
  read?(partition: P, signal: AbortSignal): AsyncIterable<RecordData> | Iterable<RecordData>;
  /** Reads one partition as batches (pages) of records, in order: cheaper per record than `read`. */
  readBatches?(partition: P, signal: AbortSignal): AsyncIterable<RecordData[]>;
  /** The partition values attached to each yielded record message (its `partition` field). */
  recordPartition?(partition: P): { [key: string]: unknown } | undefined;
  /**
   * Called for every record, just before it is yielded (cursor observation). A returned state is yielded right
   * after the record (mid-partition checkpoints; only safe when partitions are read one at a time).
   */
  onRecord?(record: RecordData, partition: P): JsonObject | undefined | void;
  /**
   * Called once per partition, in partition order, after the partition and all earlier ones are complete.
   * Returns the state to checkpoint, or undefined for none.
   */
  close?(partition: P, index: number): JsonObject | undefined;
  /** Messages yielded after every partition closed (not after an early stop), e.g. the final state. */
  finish?(): StreamMessage[];
  /** Partitions read at once (default 1). */
  concurrency?: number;
  /** Aborts the read. */
  signal?: AbortSignal;
  /** Stops after yielding this many records. */
  maxRecords?: number;
  /** Items buffered between workers and the consumer (default 64 × concurrency records, or one batch per worker). */
  bufferSize?: number;
}

type Item<P> =
  | { kind: "record"; index: number; partition: P; record: RecordData }
  | { kind: "records"; index: number; partition: P; records: RecordData[] }
  | { kind: "done"; index: number; partition: P }
  | { kind: "error"; error: unknown }
  | { kind: "exhausted"; count: number };

/** A bounded queue whose push and pull only allocate promises when they must wait. */
class Channel<T> {
  #items: T[] = [];
  #head = 0;
  #consumer: (() => void) | undefined;
  #spaceWaiters: (() => void)[] = [];
  #closed = false;
  constructor(readonly capacity: number) {}

  get size(): number {
    return this.#items.length - this.#head;
  }

  /** Adds an item; returns a promise only when the queue is full (unless `force`). */
  push(item: T, force = false): Promise<void> | undefined {
    if (!force && !this.#closed && this.size >= this.capacity) return this.#pushLater(item);
    if (this.#closed) return undefined;
    this.#items.push(item);
    const consumer = this.#consumer;
    this.#consumer = undefined;
    consumer?.();
    return undefined;
  }

  async #pushLater(item: T): Promise<void> {
    while (!this.#closed && this.size >= this.capacity) {
      await new Promise<void>((resolve) => this.#spaceWaiters.push(resolve));
    }
    this.push(item, true);
  }

  /** Takes an item if one is queued. */
  tryPull(): T | undefined {
    if (this.size === 0) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head++] = undefined as T;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    this.#spaceWaiters.shift()?.();
    return item;
  }

  /** Resolves when an item is queued. */
  wait(): Promise<void> {
    return this.size > 0 ? Promise.resolve() : new Promise<void>((resolve) => (this.#consumer = resolve));
  }

  close(): void {
    this.#closed = true;
    for (const waiter of this.#spaceWaiters.splice(0)) waiter();
  }
}

/** The `records` message of `records[start, end)` (the page itself when it is whole: no copy). */
function batchOf(
  records: RecordData[],
  start: number,
  end: number,
  partition: { [key: string]: unknown } | undefined,
): StreamMessage {
  const data = start === 0 && end === records.length ? records : records.slice(start, end);
  return partition === undefined ? { type: "records", data } : { type: "records", data, partition };
}

/**
 * Reads partitions with bounded concurrency and ordered checkpoints. Partitions read with `readBatches`
 * yield one `records` message per page; with `read`, one `record` message per record.
 *
 * @example
 * ```ts
 * import { readPartitions } from "./partition_reader.ts";
 * const out: string[] = [];
 * for await (const message of readPartitions({
 *   partitions: [1, 2, 3],
 *   read: (p) => [{ id: `${p}a` }, { id: `${p}b` }],
 *   close: (p) => ({ done: p }),
 *   concurrency: 2,
 * })) out.push(message.type === "record" ? String(message.data.id) : message.type === "state" ? `state:${message.state.done}` : "");
 * if (out.filter((x) => x.startsWith("state")).join() !== "state:1,state:2,state:3") throw new Error(out.join());
 * ```
 */
export async function* readPartitions<P>(
  options: PartitionReaderOptions<P>,
): AsyncGenerator<StreamMessage, void, undefined> {
  if (!options.read && !options.readBatches) throw new TypeError("readPartitions needs read or readBatches");
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const channel = new Channel<Item<P>>(
    options.bufferSize ?? (options.readBatches ? concurrency : 64 * concurrency),
  );
  const controller = new AbortController();
  const outer = options.signal;
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  outer?.addEventListener("abort", onOuterAbort, { once: true });
  const signal = controller.signal;
  // wakes the consumer even when no worker or the partition generator notices the abort
  const onAbort = () => channel.push({ kind: "error", error: signal.reason }, true);
  signal.addEventListener("abort", onAbort, { once: true });

  let freeSlots = concurrency;
  let slotWaiter: (() => void) | undefined;
  const releaseSlot = () => {
    freeSlots++;
    const waiter = slotWaiter;
    slotWaiter = undefined;
    waiter?.();
  };

  const worker = async (partition: P, index: number) => {
    try {
      if (options.readBatches) {
        for await (const records of options.readBatches(partition, signal)) {
          if (signal.aborted) return;
          if (records.length === 0) continue;
          const wait = channel.push({ kind: "records", index, partition, records });
          if (wait) await wait;
        }
      } else {
        for await (const record of options.read!(partition, signal)) {
          if (signal.aborted) return;
          const wait = channel.push({ kind: "record", index, partition, record });
          if (wait) await wait;
        }
      }
      channel.push({ kind: "done", index, partition }, true);
    } catch (error) {
      channel.push({ kind: "error", error }, true);
    } finally {
      releaseSlot();
    }
  };

  const producer = async () => {
    let count = 0;
    try {
      for await (const partition of options.partitions) {
        while (freeSlots === 0 && !signal.aborted) {
          await new Promise<void>((resolve) => (slotWaiter = resolve));
        }
        if (signal.aborted) return;
        freeSlots--;
        void worker(partition, count++);
      }
      channel.push({ kind: "exhausted", count }, true);
    } catch (error) {
      channel.push({ kind: "error", error }, true);
    }
  };

  const completed = new Map<number, P>();
  let nextToClose = 0;
  let total = -1;
  let yielded = 0;
  const maxRecords = options.maxRecords ?? Infinity;
  const tag = options.recordPartition;
  const onRecord = options.onRecord;
  void producer();
  try {
    while (total < 0 || nextToClose < total) {
      if (signal.aborted) throw signal.reason ?? new DOMException("aborted", "AbortError");
      let item = channel.tryPull();
      if (item === undefined) {
        await channel.wait();
        continue;
      }
      if (item.kind === "error") throw item.error;
      if (item.kind === "exhausted") {
        total = item.count;
        continue;
      }
      if (item.kind === "record") {
        const checkpoint = onRecord?.(item.record, item.partition);
        const labels = tag?.(item.partition);
        yield labels === undefined
          ? { type: "record", data: item.record }
          : { type: "record", data: item.record, partition: labels };
        if (++yielded >= maxRecords) return;
        if (checkpoint) yield { type: "state", state: checkpoint };
        continue;
      }
      if (item.kind === "records") {
        // One `records` message per page (split only where a mid-partition checkpoint falls, and cut at
        // maxRecords); every record is observed before the batch holding it is yielded.
        const partition = item.partition;
        const labels = tag?.(partition);
        const records = item.records;
        item = undefined;
        const end = Math.min(records.length, maxRecords - yielded);
        const stops = yielded + end >= maxRecords;
        let start = 0;
        if (onRecord) {
          for (let i = 0; i < end; i++) {
            const checkpoint = onRecord(records[i], partition);
            // a checkpoint after the record that reaches maxRecords is not emitted (the read stops there)
            if (!checkpoint || (stops && i + 1 === end)) continue;
            yield batchOf(records, start, i + 1, labels);
            yielded += i + 1 - start;
            start = i + 1;
            yield { type: "state", state: checkpoint };
          }
        }
        if (start < end) {
          yield batchOf(records, start, end, labels);
          yielded += end - start;
        }
        if (yielded >= maxRecords) return;
        continue;
      }
      completed.set(item.index, item.partition);
      while (completed.has(nextToClose)) {
        const partition = completed.get(nextToClose)!;
        completed.delete(nextToClose);
        const state = options.close?.(partition, nextToClose);
        nextToClose++;
        if (state !== undefined) yield { type: "state", state };
      }
    }
    if (options.finish) yield* options.finish();
  } finally {
    signal.removeEventListener("abort", onAbort);
    if (!controller.signal.aborted) {
      controller.abort(new DOMException("partition read finished", "AbortError"));
    }
    channel.close();
    const waiter = slotWaiter;
    slotWaiter = undefined;
    waiter?.();
    outer?.removeEventListener("abort", onOuterAbort);
  }
}
