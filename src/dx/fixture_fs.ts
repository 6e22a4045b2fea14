/**
 * The small file-system interface the developer tools (record/replay, local destinations) use, so the library
 * stays runtime-neutral: callers inject one, and {@link nodeFs} is the default adapter, loaded lazily from
 * `node:fs/promises` (Deno, Node and Bun have it).
 * @module
 */

/** What record/replay and the JSONL destination need from a file system (paths are plain strings). */
export interface FixtureFs {
  /** Names (not paths) of the entries of a directory; empty when it does not exist. */
  readDir(dir: string): Promise<string[]>;
  /** Reads a UTF-8 file. */
  readTextFile(path: string): Promise<string>;
  /** Writes a UTF-8 file (replacing it). */
  writeTextFile(path: string, text: string): Promise<void>;
  /** Creates a directory and its parents (no error when it exists). */
  mkdir(dir: string): Promise<void>;
  /** Removes a file (no error when it does not exist). */
  remove(path: string): Promise<void>;
}

/** Joins path segments with `/` (no normalisation beyond collapsing duplicate slashes). */
export function joinPath(...parts: string[]): string {
  return parts.filter((part) => part !== "").join("/").replace(/\/{2,}/g, "/");
}

/**
 * An in-memory {@link FixtureFs} (tests, browsers).
 *
 * @example
 * ```ts
 * import { memoryFs } from "./fixture_fs.ts";
 * const fs = memoryFs();
 * await fs.writeTextFile("d/a.json", "{}");
 * if ((await fs.readDir("d")).join() !== "a.json") throw new Error("listing");
 * ```
 */
export function memoryFs(files: Map<string, string> = new Map()): FixtureFs & { files: Map<string, string> } {
  const norm = (path: string) => path.replace(/\/{2,}/g, "/").replace(/\/$/, "");
  return {
    files,
    readDir(dir) {
      const prefix = norm(dir) + "/";
      const names = new Set<string>();
      for (const path of files.keys()) {
        if (path.startsWith(prefix)) names.add(path.slice(prefix.length).split("/")[0]);
      }
      return Promise.resolve([...names].sort());
    },
    readTextFile(path) {
      const text = files.get(norm(path));
      return text === undefined ? Promise.reject(new Error(`no such file: ${path}`)) : Promise.resolve(text);
    },
    writeTextFile(path, text) {
      files.set(norm(path), text);
      return Promise.resolve();
    },
    mkdir: () => Promise.resolve(),
    remove(path) {
      files.delete(norm(path));
      return Promise.resolve();
    },
  };
}

/**
 * The default adapter: `node:fs/promises`, imported on first use.
 *
 * @example
 * ```ts
 * import { nodeFs } from "./fixture_fs.ts";
 * const names = await nodeFs().readDir("/no/such/dir/spout");
 * if (names.length !== 0) throw new Error("missing directories list as empty");
 * ```
 */
export function nodeFs(): FixtureFs {
  type NodeFsPromises = typeof import("node:fs/promises");
  let loaded: Promise<NodeFsPromises> | undefined;
  const fs = () => (loaded ??= import("node:fs/promises"));
  return {
    async readDir(dir) {
      try {
        return (await (await fs()).readdir(dir)).sort();
      } catch (error) {
        if ((error as { code?: string }).code === "ENOENT") return [];
        throw error;
      }
    },
    async readTextFile(path) {
      return await (await fs()).readFile(path, "utf8");
    },
    async writeTextFile(path, text) {
      await (await fs()).writeFile(path, text, "utf8");
    },
    async mkdir(dir) {
      await (await fs()).mkdir(dir, { recursive: true });
    },
    async remove(path) {
      await (await fs()).rm(path, { force: true });
    },
  };
}
