/**
 * JSONL destination: one `STREAM.jsonl` file per stream (one record per line) and `_spout_state.json` in one
 * directory. Files are reached through `node:fs/promises`, imported lazily.
 *
 * Durability: at each commit the stream's file is flushed and fsynced, then the state file is replaced
 * atomically (write a temp file, fsync, rename). The state file also holds each data file's committed length,
 * so opening the directory after a crash cuts off records that no state covers. A full-refresh stream is
 * written to `STREAM.jsonl.next` and renamed over `STREAM.jsonl` at its final commit; dedupe rewrites the file
 * keeping the last record of each primary key, the same way. The state file names a file being replaced, so
 * a crash between the state write and the rename is finished on the next open.
 * @module
 */
import { SpoutError } from "../errors.ts";
import type { AirbyteStateMessage, StreamDescriptor } from "../protocol/messages.ts";
import type { JsonObject, RecordData } from "../types.ts";
import { type Destination, primaryKeyOf, streamKey, type StreamTarget } from "./types.ts";

type Fs = typeof import("node:fs/promises");
type FileHandle = Awaited<ReturnType<Fs["open"]>>;

/** The name of the state file inside the destination directory. */
export const JSONL_STATE_FILE = "_spout_state.json";

interface StateFile {
  version: 1;
  states: AirbyteStateMessage[];
  files: Record<string, number>;
  replacing: string[];
}

interface OpenFile {
  target: StreamTarget;
  name: string;
  handle: FileHandle;
  /** Writing `name.next` (full refresh) instead of appending to `name`. */
  next: boolean;
  written: number;
  pending: string[];
  pendingChars: number;
}

const encoder = new TextEncoder();

async function exists(fs: Fs, path: string): Promise<boolean> {
  try {
    await fs.stat(path);
    return true;
  } catch {
    return false;
  }
}

class JsonlDestination implements Destination {
  readonly label: string;
  #fs: Fs;
  #dir: string;
  #state: StateFile = { version: 1, states: [], files: {}, replacing: [] };
  #targets = new Map<string, StreamTarget>();
  #open = new Map<string, OpenFile>();

  constructor(fs: Fs, dir: string) {
    this.#fs = fs;
    this.#dir = dir.replace(/\/+$/, "") || ".";
    this.label = `jsonl:${dir}`;
  }

  #path(name: string): string {
    return `${this.#dir}/${name}`;
  }

  async #writeState(): Promise<void> {
    const fs = this.#fs;
    const tmp = this.#path(`${JSONL_STATE_FILE}.tmp`);
    const handle = await fs.open(tmp, "w");
    try {
      await handle.writeFile(JSON.stringify(this.#state, null, 2) + "\n", "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, this.#path(JSONL_STATE_FILE));
  }

  async open(streams: StreamTarget[]): Promise<AirbyteStateMessage[]> {
    const fs = this.#fs;
    await fs.mkdir(this.#dir, { recursive: true });
    const statePath = this.#path(JSONL_STATE_FILE);
    const known = await exists(fs, statePath);
    if (!known) {
      for (const target of streams) {
        const name = `${streamKey(target)}.jsonl`;
        if (await exists(fs, this.#path(name))) {
          throw new SpoutError(
            "destination_error",
            `${
              this.#path(name)
            } exists but ${this.#dir} has no ${JSONL_STATE_FILE}: it was not written by spout ` +
              "sync; choose another directory (or move the file away)",
          );
        }
      }
    }
    if (known) {
      try {
        const parsed = JSON.parse(await fs.readFile(statePath, "utf8")) as Partial<StateFile>;
        this.#state = {
          version: 1,
          states: Array.isArray(parsed.states) ? parsed.states : [],
          files: parsed.files ?? {},
          replacing: Array.isArray(parsed.replacing) ? parsed.replacing : [],
        };
      } catch (error) {
        throw new SpoutError(
          "destination_error",
          `${statePath} is not valid JSON: restore it or remove the directory to start over`,
          { cause: error },
        );
      }
    }
    // Finish replacements a crash interrupted, then cut off what no state covers.
    for (const name of this.#state.replacing) {
      if (await exists(fs, this.#path(`${name}.next`))) {
        await fs.rename(this.#path(`${name}.next`), this.#path(name));
      }
    }
    this.#state.replacing = [];
    for (const target of streams) {
      const key = streamKey(target);
      if (key.startsWith("_spout_")) {
        throw new SpoutError(
          "destination_error",
          `stream name ${key} is reserved by spout: rename the stream`,
        );
      }
      this.#targets.set(key, target);
      const name = `${key}.jsonl`;
      const committed = this.#state.files[name] ?? 0;
      const path = this.#path(name);
      if (await exists(fs, path)) {
        const size = (await fs.stat(path)).size;
        if (size > committed) await fs.truncate(path, committed);
      }
      await fs.rm(this.#path(`${name}.next`), { force: true });
    }
    await this.#writeState();
    return structuredClone(this.#state.states);
  }

  #target(stream: StreamDescriptor): StreamTarget {
    const target = this.#targets.get(streamKey(stream));
    if (!target) throw new SpoutError("internal_error", `stream ${streamKey(stream)} was not opened`);
    return target;
  }

  async beginStream(stream: StreamDescriptor): Promise<void> {
    await this.#file(stream);
  }

  async #file(stream: StreamDescriptor): Promise<OpenFile> {
    const key = streamKey(stream);
    const found = this.#open.get(key);
    if (found) return found;
    const target = this.#target(stream);
    const name = `${key}.jsonl`;
    const next = target.syncMode === "full_refresh";
    const handle = await this.#fs.open(this.#path(next ? `${name}.next` : name), next ? "w" : "a");
    const file: OpenFile = {
      target,
      name,
      handle,
      next,
      written: next ? 0 : this.#state.files[name] ?? 0,
      pending: [],
      pendingChars: 0,
    };
    this.#open.set(key, file);
    return file;
  }

  async #flush(file: OpenFile): Promise<void> {
    if (file.pending.length === 0) return;
    const bytes = encoder.encode(file.pending.join(""));
    file.pending = [];
    file.pendingChars = 0;
    await file.handle.write(bytes);
    file.written += bytes.length;
  }

  write(stream: StreamDescriptor, record: RecordData, _emittedAt: number): void | Promise<void> {
    const file = this.#open.get(streamKey(stream));
    if (!file) return this.#file(stream).then(() => this.write(stream, record, _emittedAt));
    const line = JSON.stringify(record) + "\n";
    file.pending.push(line);
    file.pendingChars += line.length;
    if (file.pendingChars >= 64 * 1024) return this.#flush(file);
  }

  async commit(stream: StreamDescriptor, state: JsonObject, final: boolean): Promise<void> {
    const key = streamKey(stream);
    const file = this.#open.get(key);
    if (file) {
      await this.#flush(file);
      await file.handle.sync();
    }
    const states = this.#state.states.filter((s) => {
      const d = s.stream?.stream_descriptor;
      return !(d && d.name === stream.name && (d.namespace ?? "") === (stream.namespace ?? ""));
    });
    states.push({ type: "STREAM", stream: { stream_descriptor: { ...stream }, stream_state: state } });
    this.#state.states = states;
    const target = file?.target ?? this.#target(stream);
    const name = `${key}.jsonl`;
    const dedupe = target.dedupe && (target.primaryKey?.length ?? 0) > 0;
    if (file && !file.next) this.#state.files[name] = file.written;
    if (!final || (!file?.next && !dedupe)) {
      await this.#writeState();
      if (final && file) await this.#closeFile(key, file);
      return;
    }
    // Final commit of a full refresh (swap in `.next`) or a dedupe stream (rewrite the file).
    if (file) await this.#closeFile(key, file);
    const source = this.#path(file?.next ? `${name}.next` : name);
    let length = file?.next ? file.written : this.#state.files[name] ?? 0;
    if (dedupe) length = await this.#compact(source, this.#path(`${name}.next`), target.primaryKey!);
    this.#state.files[name] = length;
    this.#state.replacing = [name];
    await this.#writeState();
    await this.#fs.rename(this.#path(`${name}.next`), this.#path(name));
    this.#state.replacing = [];
    await this.#writeState();
  }

  /** Writes `target` with the last record of each primary key of `source` (in order of last update). */
  async #compact(source: string, target: string, primaryKey: string[][]): Promise<number> {
    const fs = this.#fs;
    const text = await exists(fs, source) ? await fs.readFile(source, "utf8") : "";
    const latest = new Map<string, string>();
    let anonymous = 0;
    for (const line of text.split("\n")) {
      if (line === "") continue;
      const key = primaryKeyOf(JSON.parse(line) as RecordData, primaryKey) ?? `\u0000${anonymous++}`;
      latest.delete(key);
      latest.set(key, line);
    }
    const bytes = encoder.encode([...latest.values()].map((line) => line + "\n").join(""));
    const handle = await fs.open(target, "w");
    try {
      await handle.write(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    return bytes.length;
  }

  async #closeFile(key: string, file: OpenFile): Promise<void> {
    this.#open.delete(key);
    await file.handle.close();
  }

  async discard(): Promise<void> {
    for (const [key, file] of [...this.#open]) {
      await this.#closeFile(key, file);
      if (file.next) await this.#fs.rm(this.#path(`${file.name}.next`), { force: true });
      else await this.#fs.truncate(this.#path(file.name), this.#state.files[file.name] ?? 0);
    }
  }

  async close(): Promise<void> {
    await this.discard();
  }
}

/**
 * Opens a directory as a JSONL {@link Destination}.
 *
 * @example
 * ```ts
 * import { openJsonlDestination } from "./jsonl.ts";
 * const dir = await Deno.makeTempDir();
 * const users = { name: "users" };
 * const target = { ...users, primaryKey: [["id"]], syncMode: "incremental" as const, dedupe: false };
 * const dest = await openJsonlDestination(dir);
 * await dest.open([target]);
 * await dest.beginStream(users);
 * await dest.write(users, { id: 1 }, 0);
 * await dest.commit(users, { cursor: 1 }, false);
 * await dest.write(users, { id: 2 }, 0); // never committed: a crash here loses nothing committed
 * const again = await openJsonlDestination(dir);
 * const state = await again.open([target]);
 * if ((await Deno.readTextFile(`${dir}/users.jsonl`)) !== '{"id":1}\n') throw new Error("uncommitted tail kept");
 * if (state[0].stream?.stream_state?.cursor !== 1) throw new Error("state");
 * await dest.close();
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function openJsonlDestination(dir: string): Promise<Destination> {
  const fs = await import("node:fs/promises");
  return new JsonlDestination(fs, dir);
}
