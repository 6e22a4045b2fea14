import { deepStrictEqual, rejects, strictEqual } from "node:assert/strict";
import { JSONL_STATE_FILE, openJsonlDestination } from "./jsonl.ts";
import type { StreamTarget } from "./types.ts";

const users = { name: "users" };
const incremental: StreamTarget = { ...users, primaryKey: [["id"]], syncMode: "incremental", dedupe: false };
const lines = async (path: string) =>
  (await Deno.readTextFile(path)).split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));

Deno.test("jsonl: appends per commit; a reopen cuts records written after the last commit", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const dest = await openJsonlDestination(`${dir}/out/`);
    await dest.open([incremental]);
    await dest.beginStream(users);
    for (let id = 1; id <= 3; id++) await dest.write(users, { id }, 0);
    await dest.commit(users, { c: 3 }, false);
    await dest.write(users, { id: 4 }, 0);
    await dest.commit(users, { c: 4 }, false);
    // a crash after more records reached the file but before their state
    await Deno.writeTextFile(`${dir}/out/users.jsonl`, '{"id":5}\n{"id":6', { append: true });
    const again = await openJsonlDestination(`${dir}/out`);
    const state = await again.open([incremental]);
    deepStrictEqual(state[0].stream?.stream_state, { c: 4 });
    deepStrictEqual((await lines(`${dir}/out/users.jsonl`)).map((r) => r.id), [1, 2, 3, 4]);
    await again.beginStream(users);
    await again.write(users, { id: 5 }, 0);
    await again.discard();
    deepStrictEqual(
      (await lines(`${dir}/out/users.jsonl`)).map((r) => r.id),
      [1, 2, 3, 4],
      "discard truncates",
    );
    await again.close();
    await dest.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("jsonl: full refresh swaps the new file in at the final commit; a crash mid-swap is finished on open", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const full: StreamTarget = { ...users, syncMode: "full_refresh", dedupe: false };
    const dest = await openJsonlDestination(dir);
    await dest.open([full]);
    await dest.beginStream(users);
    await dest.write(users, { id: 1 }, 0);
    await dest.commit(users, {}, true);
    await dest.beginStream(users);
    await dest.write(users, { id: 2 }, 0);
    await dest.discard(); // failed read: the old file stays
    deepStrictEqual(await lines(`${dir}/users.jsonl`), [{ id: 1 }]);
    await dest.close();
    // Crash between "state says replacing" and the rename: the next open completes it.
    const state = JSON.parse(await Deno.readTextFile(`${dir}/${JSONL_STATE_FILE}`));
    await Deno.writeTextFile(`${dir}/users.jsonl.next`, '{"id":7}\n');
    await Deno.writeTextFile(
      `${dir}/${JSONL_STATE_FILE}`,
      JSON.stringify({ ...state, files: { "users.jsonl": 9 }, replacing: ["users.jsonl"] }),
    );
    const again = await openJsonlDestination(dir);
    await again.open([full]);
    await again.close();
    deepStrictEqual(await lines(`${dir}/users.jsonl`), [{ id: 7 }]);
    strictEqual(JSON.parse(await Deno.readTextFile(`${dir}/${JSONL_STATE_FILE}`)).replacing.length, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("jsonl: dedupe keeps the last record per key at the final commit; a corrupt state file is an error", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const dedupe: StreamTarget = { ...incremental, dedupe: true };
    const dest = await openJsonlDestination(dir);
    await dest.open([dedupe]);
    await dest.beginStream(users);
    await dest.write(users, { id: 1, v: "a" }, 0);
    await dest.write(users, { id: 2, v: "a" }, 0);
    await dest.write(users, { id: 1, v: "b" }, 0);
    await dest.commit(users, { c: 1 }, false);
    strictEqual((await lines(`${dir}/users.jsonl`)).length, 3, "not compacted before the final commit");
    await dest.commit(users, { c: 1 }, true);
    deepStrictEqual(await lines(`${dir}/users.jsonl`), [{ id: 2, v: "a" }, { id: 1, v: "b" }]);
    await dest.close();
    await Deno.writeTextFile(`${dir}/${JSONL_STATE_FILE}`, "{oops");
    await rejects((await openJsonlDestination(dir)).open([dedupe]), /not valid JSON/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("jsonl: refuses a directory holding a stream file that spout did not write", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/users.jsonl`, "precious\n");
    await rejects((await openJsonlDestination(dir)).open([incremental]), /not written by spout/);
    strictEqual(await Deno.readTextFile(`${dir}/users.jsonl`), "precious\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
