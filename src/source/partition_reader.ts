/**
 * Reads partitions concurrently (bounded), keeps the records of each partition in order, and checkpoints in
 * order: a partition is closed (and its checkpoint yielded) only once it and every partition before it have
 * had all their records yielded. A state therefore never claims an unfinished partition.
 * @module
 */
import type { JsonObject, RecordData } from "../types.ts";
import type { StreamMessage } from "./types.ts";

/** Options of {@link readPartitions}. */
export interface PartitionReaderOptions<P> {
  /** Partitions to read, generated lazily (at most `concurrency` are pulled ahead of completion). */
  partitions: AsyncIterable<P> | Iterable<P>;
  /** Reads the records of one partition, in order. `signal` aborts when the read stops early. */
  read(partition: P, signal: AbortSignal): AsyncIterable<RecordData> | Iterable<RecordData>;
  /** The partition values attached to each yielded record message (its `partition` field). */
  recordPartition?(partition: P): { [key: string]: unknown } | undefined;
  /** Called for every record, just before it is yielded (cursor observation). */
  onRecord?(record: RecordData, partition: P): void;
  /**
   * Called once per partition, in partition order, after the partition and all earlier ones are complete.
   * Returns the state to checkpoint, or undefined for none.
   */
  close?(partition: P, index: number): JsonObject | undefined;
  /** Partitions read at once (default 1). */
  concurrency?: number;
  /** Aborts the read. */
  signal?: AbortSignal;
  /** Stops after yielding this many records. */
  maxRecords?: number;
  /** Records buffered between workers and the consumer (default 64 × concurrency). */
  bufferSize?: number;
}

type Item<P> =
  | { kind: "record"; index: number; partition: P; record: RecordData }
  | { kind: "done"; index: number; partition: P }
  | { kind: "error"; error: unknown }
  | { kind: "exhausted"; count: number };

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

  async push(item: T, force = false): Promise<void> {
    while (!force && !this.#closed && this.size >= this.capacity) {
      await new Promise<void>((resolve) => this.#spaceWaiters.push(resolve));
    }
    if (this.#closed) return;
    this.#items.push(item);
    const consumer = this.#consumer;
    this.#consumer = undefined;
    consumer?.();
  }

  async pull(): Promise<T> {
    while (this.size === 0) await new Promise<void>((resolve) => (this.#consumer = resolve));
    const item = this.#items[this.#head++];
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    this.#spaceWaiters.shift()?.();
    return item;
  }

  close(): void {
    this.#closed = true;
    for (const waiter of this.#spaceWaiters.splice(0)) waiter();
  }
}

/**
 * Reads partitions with bounded concurrency and ordered checkpoints.
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
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const channel = new Channel<Item<P>>(options.bufferSize ?? 64 * concurrency);
  const controller = new AbortController();
  const outer = options.signal;
  const onOuterAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  outer?.addEventListener("abort", onOuterAbort, { once: true });
  const signal = controller.signal;

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
      for await (const record of options.read(partition, signal)) {
        if (signal.aborted) return;
        await channel.push({ kind: "record", index, partition, record });
      }
      await channel.push({ kind: "done", index, partition }, true);
    } catch (error) {
      await channel.push({ kind: "error", error }, true);
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
      await channel.push({ kind: "exhausted", count }, true);
    } catch (error) {
      await channel.push({ kind: "error", error }, true);
    }
  };

  const completed = new Map<number, P>();
  let nextToClose = 0;
  let total = -1;
  let yielded = 0;
  const maxRecords = options.maxRecords ?? Infinity;
  void producer();
  try {
    while (total < 0 || nextToClose < total) {
      if (signal.aborted) throw signal.reason ?? new DOMException("aborted", "AbortError");
      const item = await channel.pull();
      if (item.kind === "error") throw item.error;
      if (item.kind === "exhausted") {
        total = item.count;
        continue;
      }
      if (item.kind === "record") {
        options.onRecord?.(item.record, item.partition);
        const tag = options.recordPartition?.(item.partition);
        yield tag === undefined
          ? { type: "record", data: item.record }
          : { type: "record", data: item.record, partition: tag };
        if (++yielded >= maxRecords) return;
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
  } finally {
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
