/**
 * SQLite destination through the built-in `node:sqlite` (Deno 2.x, Node 22.5+), imported lazily so the rest of
 * the library runs where it is missing.
 *
 * One table per stream, named after the stream, with `_spout_pk` (the primary key as JSON), `_spout_emitted_at`,
 * `_spout_data` (the whole record as JSON) and one column per top-level field (added as new fields appear;
 * objects and arrays are stored as JSON text, booleans as 0/1). State lives in `_spout_state` and is written in
 * the same transaction as the records it covers: a crash rolls back to the last commit, and a re-run continues
 * from the state stored there. WAL with `synchronous=NORMAL` by default: a killed process loses nothing
 * committed; a power loss may lose the last commits, but records and their state together, so the re-run reads
 * them again (pass `durable: true` for `synchronous=FULL`, about 1.5x slower).
 * @module
 */
import { SpoutError } from "../errors.ts";
import type { AirbyteStateMessage, StreamDescriptor } from "../protocol/messages.ts";
import { isObject } from "../types.ts";
import type { JsonObject, RecordData } from "../types.ts";
import { type Destination, primaryKeyOf, streamKey, type StreamTarget } from "./types.ts";

type SqliteModule = typeof import("node:sqlite");
type Database = InstanceType<SqliteModule["DatabaseSync"]>;
type Statement = ReturnType<Database["prepare"]>;
type SqlValue = null | number | bigint | string | Uint8Array;

const META_COLUMNS = ["_spout_pk", "_spout_emitted_at", "_spout_data"];

/** Fields that get a column: not empty, not spout's own, not absurdly long. */
function columnable(key: string): boolean {
  return key !== "" && key.length <= 256 && !META_COLUMNS.includes(key.toLowerCase());
}

/** Quotes an SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function affinity(schema: unknown): string {
  if (!isObject(schema)) return "";
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const real = types.filter((t) => t !== "null");
  if (real.length !== 1) return "";
  switch (real[0]) {
    case "integer":
    case "boolean":
      return " INTEGER";
    case "number":
      return " REAL";
    case "string":
      return " TEXT";
    default:
      return " TEXT";
  }
}

/** Runs `fn`, turning a throw into a rejected promise (the interface is async; SQLite calls are sync). */
function attempt<T>(fn: () => T): Promise<T> {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error);
  }
}

function toSql(value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "bigint" || typeof value === "string") return value;
  return JSON.stringify(value);
}

interface TableInfo {
  target: StreamTarget;
  table: string;
  /** Column names by lower case (SQLite names are case-insensitive). */
  columns: Map<string, string>;
  dedupe: boolean;
  statements: Map<string, Statement>;
}

/** Options of {@link openSqliteDestination}. */
export interface SqliteOptions {
  /** Called with warnings (e.g. dedupe without a primary key). */
  warn?(message: string): void;
  /** fsync every commit to the disk (`synchronous=FULL`) so commits also survive a power loss. */
  durable?: boolean;
}

class SqliteDestination implements Destination {
  readonly label: string;
  #db: Database;
  #tables = new Map<string, TableInfo>();
  #inTx = false;
  #warn: (message: string) => void;

  constructor(db: Database, path: string, options: SqliteOptions) {
    this.#db = db;
    this.label = `sqlite:${path}`;
    this.#warn = options.warn ?? (() => {});
  }

  #begin(): void {
    if (!this.#inTx) {
      this.#db.exec("BEGIN IMMEDIATE");
      this.#inTx = true;
    }
  }

  open(streams: StreamTarget[]): Promise<AirbyteStateMessage[]> {
    return attempt(() => this.#openSync(streams));
  }

  #openSync(streams: StreamTarget[]): AirbyteStateMessage[] {
    const db = this.#db;
    db.exec(
      "CREATE TABLE IF NOT EXISTS _spout_state (stream TEXT NOT NULL, namespace TEXT NOT NULL DEFAULT '', " +
        "state TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (stream, namespace))",
    );
    for (const target of streams) this.#prepareTable(target);
    const rows = db.prepare("SELECT stream, namespace, state FROM _spout_state ORDER BY stream").all() as {
      stream: string;
      namespace: string;
      state: string;
    }[];
    return rows.map((row) => ({
      type: "STREAM" as const,
      stream: {
        stream_descriptor: row.namespace
          ? { name: row.stream, namespace: row.namespace }
          : { name: row.stream },
        stream_state: JSON.parse(row.state) as JsonObject,
      },
    }));
  }

  #prepareTable(target: StreamTarget): void {
    const table = streamKey(target);
    if (table.startsWith("_spout_")) {
      throw new SpoutError(
        "destination_error",
        `stream name ${table} is reserved by spout: rename the stream`,
      );
    }
    const db = this.#db;
    const q = quoteIdent(table);
    const properties = isObject(target.jsonSchema) && isObject(target.jsonSchema.properties)
      ? target.jsonSchema.properties
      : {};
    const seen = new Set<string>();
    const fieldColumns = Object.entries(properties).filter(([name]) => {
      const lower = name.toLowerCase();
      if (!columnable(name) || seen.has(lower)) return false;
      seen.add(lower);
      return true;
    }).map(([name, schema]) => `${quoteIdent(name)}${affinity(schema)}`);
    db.exec(
      `CREATE TABLE IF NOT EXISTS ${q} (_spout_pk TEXT, _spout_emitted_at INTEGER NOT NULL, ` +
        `_spout_data TEXT NOT NULL${fieldColumns.map((c) => ", " + c).join("")})`,
    );
    const columns = new Map(
      (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[])
        .map((r) => [r.name.toLowerCase(), r.name]),
    );
    if (!columns.has("_spout_data") || !columns.has("_spout_pk")) {
      throw new SpoutError(
        "destination_error",
        `table ${table} exists but was not created by spout sync (no _spout_data column): use another database ` +
          "file, or rename the table",
      );
    }
    const hasKey = (target.primaryKey?.length ?? 0) > 0;
    if (target.dedupe && !hasKey) {
      this.#warn(`stream ${table} has no primary key: its records are appended (dedupe needs a primary key)`);
    }
    const dedupe = target.dedupe && hasKey;
    const index = quoteIdent(`_spout_pk_${table}`);
    if (dedupe) {
      try {
        db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS ${index} ON ${q} (_spout_pk)`);
      } catch (error) {
        throw new SpoutError(
          "destination_error",
          `table ${table} holds duplicate primary keys (written by an append sync): sync it with --mode append, ` +
            "or drop the table to start over with dedupe",
          { cause: error },
        );
      }
    } else {
      db.exec(`DROP INDEX IF EXISTS ${index}`);
    }
    this.#tables.set(table, { target, table, columns, dedupe, statements: new Map() });
  }

  #info(stream: StreamDescriptor): TableInfo {
    const info = this.#tables.get(streamKey(stream));
    if (!info) {
      throw new SpoutError("internal_error", `stream ${streamKey(stream)} was not opened in the destination`);
    }
    return info;
  }

  beginStream(stream: StreamDescriptor): Promise<void> {
    return attempt(() => {
      const info = this.#info(stream);
      if (info.target.syncMode === "full_refresh") {
        // Replaced in the stream's own transaction: visible only when the complete read commits.
        this.#begin();
        this.#db.exec(`DELETE FROM ${quoteIdent(info.table)}`);
      }
    });
  }

  write(stream: StreamDescriptor, record: RecordData, emittedAt: number): void {
    const info = this.#info(stream);
    this.#begin();
    const names: string[] = [];
    const values: SqlValue[] = [];
    for (const [key, value] of Object.entries(record)) {
      if (!columnable(key)) continue;
      const lower = key.toLowerCase();
      const column = info.columns.get(lower);
      if (column === undefined) {
        this.#db.exec(`ALTER TABLE ${quoteIdent(info.table)} ADD COLUMN ${quoteIdent(key)}`);
        info.columns.set(lower, key);
      } else if (column !== key) {
        continue; // "Id" next to "id": SQLite cannot tell them apart; the value stays in _spout_data
      }
      names.push(key);
      values.push(toSql(value));
    }
    let pk: string | null = null;
    if (info.target.primaryKey && info.target.primaryKey.length > 0) {
      pk = primaryKeyOf(record, info.target.primaryKey) ?? null;
      if (pk === null && info.dedupe) {
        throw new SpoutError(
          "destination_error",
          `a record of stream ${info.table} has no value for its primary key ` +
            `${JSON.stringify(info.target.primaryKey)}: fix the primary key or sync with --mode append`,
        );
      }
    }
    const shape = names.join("\u0000");
    let statement = info.statements.get(shape);
    if (!statement) {
      const all = [...META_COLUMNS, ...names].map(quoteIdent);
      const verb = info.dedupe ? "INSERT OR REPLACE" : "INSERT";
      statement = this.#db.prepare(
        `${verb} INTO ${quoteIdent(info.table)} (${all.join(", ")}) VALUES (${
          all.map(() => "?").join(", ")
        })`,
      );
      if (info.statements.size > 256) info.statements.clear();
      info.statements.set(shape, statement);
    }
    statement.run(pk, emittedAt, JSON.stringify(record), ...values);
  }

  commit(stream: StreamDescriptor, state: JsonObject, _final: boolean): Promise<void> {
    return attempt(() => {
      this.#begin();
      this.#db.prepare(
        "INSERT OR REPLACE INTO _spout_state (stream, namespace, state, updated_at) VALUES (?, ?, ?, ?)",
      ).run(stream.name, stream.namespace ?? "", JSON.stringify(state), new Date().toISOString());
      this.#db.exec("COMMIT");
      this.#inTx = false;
    });
  }

  discard(): Promise<void> {
    return attempt(() => {
      if (this.#inTx) {
        this.#db.exec("ROLLBACK");
        this.#inTx = false;
      }
    });
  }

  async close(): Promise<void> {
    await this.discard();
    this.#db.close();
  }
}

/**
 * Opens (or creates) a SQLite database file as a {@link Destination}. `":memory:"` works for tests.
 *
 * @example
 * ```ts
 * import { openSqliteDestination } from "./sqlite.ts";
 * const dest = await openSqliteDestination(":memory:");
 * const users = { name: "users" };
 * await dest.open([{ ...users, primaryKey: [["id"]], syncMode: "incremental", dedupe: true }]);
 * await dest.beginStream(users);
 * dest.write(users, { id: 1, name: "a" }, 0);
 * dest.write(users, { id: 1, name: "b" }, 0);
 * await dest.commit(users, { updated: "2024" }, true);
 * const state = await dest.open([{ ...users, primaryKey: [["id"]], syncMode: "incremental", dedupe: true }]);
 * await dest.close();
 * if (state[0].stream?.stream_state?.updated !== "2024") throw new Error("state stored with the records");
 * ```
 */
export async function openSqliteDestination(path: string, options: SqliteOptions = {}): Promise<Destination> {
  let sqlite: SqliteModule;
  try {
    sqlite = await import("node:sqlite");
  } catch (error) {
    throw new SpoutError(
      "destination_error",
      "this runtime has no node:sqlite (Deno 2.2+ or Node 22.5+ has it): use --dest jsonl:DIR instead",
      { cause: error },
    );
  }
  if (path !== ":memory:") {
    const slash = path.lastIndexOf("/");
    if (slash > 0) {
      const { mkdir } = await import("node:fs/promises");
      await mkdir(path.slice(0, slash), { recursive: true });
    }
  }
  let db: Database;
  try {
    db = new sqlite.DatabaseSync(path);
    if (path !== ":memory:") db.exec("PRAGMA journal_mode = WAL");
    db.exec(`PRAGMA synchronous = ${options.durable ? "FULL" : "NORMAL"}`);
    db.exec("PRAGMA busy_timeout = 5000");
  } catch (error) {
    throw new SpoutError(
      "destination_error",
      `cannot open the SQLite database ${path}: ${error instanceof Error ? error.message : error}`,
      { cause: error },
    );
  }
  return new SqliteDestination(db, path, options);
}
