import { deepStrictEqual, ok, rejects, strictEqual, throws } from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { openSqliteDestination } from "./sqlite.ts";
import type { StreamTarget } from "./types.ts";

const users = { name: "users" };
const target = (extra: Partial<StreamTarget> = {}): StreamTarget => ({
  ...users,
  primaryKey: [["id"]],
  syncMode: "incremental",
  dedupe: true,
  jsonSchema: { properties: { id: { type: "integer" }, name: { type: ["null", "string"] } } },
  ...extra,
});

async function tempDb(): Promise<{ path: string; done: () => Promise<void> }> {
  const dir = await Deno.makeTempDir();
  return { path: `${dir}/sub/t.db`, done: () => Deno.remove(dir, { recursive: true }) };
}

function rows(path: string, sql: string): Record<string, unknown>[] {
  const db = new DatabaseSync(path);
  try {
    return db.prepare(sql).all().map((r) => ({ ...r }));
  } finally {
    db.close();
  }
}

Deno.test("sqlite: columns per field (added as new fields appear), JSON for nested values, 0/1 booleans", async () => {
  const t = await tempDb();
  try {
    const dest = await openSqliteDestination(t.path);
    await dest.open([target()]);
    await dest.beginStream(users);
    dest.write(users, { id: 1, name: "a" }, 5);
    dest.write(users, { id: 2, name: null, active: true, tags: ["x"], 'odd "col"': 1 }, 6);
    await dest.commit(users, { c: 2 }, true);
    await dest.close();
    deepStrictEqual(
      rows(
        t.path,
        'SELECT id, name, active, tags, "odd ""col""", _spout_pk, _spout_emitted_at FROM users ORDER BY id',
      ),
      [
        {
          id: 1,
          name: "a",
          active: null,
          tags: null,
          'odd "col"': null,
          _spout_pk: "[1]",
          _spout_emitted_at: 5,
        },
        {
          id: 2,
          name: null,
          active: 1,
          tags: '["x"]',
          'odd "col"': 1,
          _spout_pk: "[2]",
          _spout_emitted_at: 6,
        },
      ],
    );
    strictEqual(
      JSON.parse(rows(t.path, "SELECT _spout_data FROM users WHERE id = 2")[0]._spout_data as string).active,
      true,
    );
  } finally {
    await t.done();
  }
});

Deno.test("sqlite: uncommitted records vanish on discard and on a crash (no commit); committed ones stay", async () => {
  const t = await tempDb();
  try {
    const dest = await openSqliteDestination(t.path);
    await dest.open([target()]);
    await dest.beginStream(users);
    dest.write(users, { id: 1 }, 0);
    await dest.commit(users, { c: 1 }, false);
    dest.write(users, { id: 2 }, 0);
    await dest.discard();
    dest.write(users, { id: 3 }, 0);
    // simulate a crash: another connection sees only committed rows while the transaction is open
    deepStrictEqual(rows(t.path, "SELECT id FROM users").map((r) => r.id), [1]);
    await dest.close();
    deepStrictEqual(rows(t.path, "SELECT id FROM users").map((r) => r.id), [1]);
    const again = await openSqliteDestination(t.path);
    const state = await again.open([target()]);
    await again.close();
    deepStrictEqual(state, [{
      type: "STREAM",
      stream: { stream_descriptor: { name: "users" }, stream_state: { c: 1 } },
    }]);
  } finally {
    await t.done();
  }
});

Deno.test("sqlite: full refresh replaces the table only when the stream commits; append keeps duplicates", async () => {
  const t = await tempDb();
  try {
    const full = target({ syncMode: "full_refresh", dedupe: false });
    let dest = await openSqliteDestination(t.path);
    await dest.open([full]);
    await dest.beginStream(users);
    dest.write(users, { id: 1 }, 0);
    dest.write(users, { id: 1 }, 0);
    await dest.commit(users, {}, true);
    await dest.beginStream(users);
    dest.write(users, { id: 9 }, 0);
    await dest.discard(); // the second read failed: old data stays
    await dest.close();
    deepStrictEqual(rows(t.path, "SELECT id FROM users").map((r) => r.id), [1, 1]);
    dest = await openSqliteDestination(t.path);
    await dest.open([full]);
    await dest.beginStream(users);
    dest.write(users, { id: 7 }, 0);
    await dest.commit(users, {}, true);
    await dest.close();
    deepStrictEqual(rows(t.path, "SELECT id FROM users").map((r) => r.id), [7]);
  } finally {
    await t.done();
  }
});

Deno.test("sqlite: dedupe needs key values, refuses a table with duplicate keys, and warns without a key", async () => {
  const t = await tempDb();
  try {
    let dest = await openSqliteDestination(t.path);
    await dest.open([target({ dedupe: false })]);
    await dest.beginStream(users);
    dest.write(users, { id: 1 }, 0);
    dest.write(users, { id: 1 }, 0);
    await dest.commit(users, {}, true);
    await dest.close();
    dest = await openSqliteDestination(t.path);
    await rejects(dest.open([target()]), /duplicate primary keys/);
    await dest.close();
    const warnings: string[] = [];
    const other = await openSqliteDestination(":memory:", { warn: (m) => warnings.push(m) });
    await other.open([target(), { name: "events", syncMode: "incremental", dedupe: true }]);
    ok(warnings[0].includes("events has no primary key"), warnings.join());
    await other.beginStream(users);
    throws(() => other.write(users, { name: "no id" }, 0), /no value for its primary key/);
    await rejects(other.open([{ name: "_spout_state", syncMode: "incremental", dedupe: false }]), /reserved/);
    await other.close();
  } finally {
    await t.done();
  }
});

Deno.test("sqlite: refuses a table with the stream's name that spout did not create", async () => {
  const t = await tempDb();
  try {
    await Deno.mkdir(t.path.replace(/\/[^/]+$/, ""), { recursive: true });
    const db = new DatabaseSync(t.path);
    db.exec("CREATE TABLE users (id INTEGER)");
    db.close();
    const dest = await openSqliteDestination(t.path);
    await rejects(dest.open([target()]), /not created by spout sync/);
    await dest.close();
  } finally {
    await t.done();
  }
});

Deno.test("sqlite: fields differing only in case, empty names and spout's own names stay in _spout_data", async () => {
  const t = await tempDb();
  try {
    const dest = await openSqliteDestination(t.path);
    const schema = { properties: { a: { type: "integer" }, A: { type: "string" } } };
    await dest.open([target({ jsonSchema: schema })]);
    await dest.beginStream(users);
    dest.write(users, { id: 1, Id: 2, "": 3, _SPOUT_DATA: 4, a: 5, A: 6 }, 0);
    dest.write(users, { id: 2, ID: 7 }, 0);
    await dest.commit(users, {}, true);
    await dest.close();
    const columns = rows(t.path, "SELECT name FROM pragma_table_info('users')").map((r) => r.name);
    deepStrictEqual(columns, ["_spout_pk", "_spout_emitted_at", "_spout_data", "a", "id"]);
    deepStrictEqual(rows(t.path, "SELECT id, a FROM users ORDER BY id"), [{ id: 1, a: 5 }, {
      id: 2,
      a: null,
    }]);
    const data = rows(t.path, "SELECT _spout_data FROM users WHERE id = 1")[0]._spout_data as string;
    deepStrictEqual(JSON.parse(data), { id: 1, Id: 2, "": 3, _SPOUT_DATA: 4, a: 5, A: 6 });
  } finally {
    await t.done();
  }
});
