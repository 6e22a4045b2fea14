import { deepStrictEqual, ok, rejects, strictEqual } from "node:assert/strict";
import { fakeEnv } from "../env.ts";
import { SpoutError } from "../errors.ts";
import type { Source } from "../source/types.ts";
import { parseCliArgs } from "./args.ts";
import type { CliIO } from "./io.ts";
import { loadSource, siblingReader } from "./source_loader.ts";

function io(files: Record<string, string>, extra: Partial<CliIO> = {}): CliIO & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    stdout: () => {},
    stderr: () => {},
    env: fakeEnv(),
    readTextFile: (path) => {
      reads.push(path);
      return path in files ? Promise.resolve(files[path]) : Promise.reject(new Error(`ENOENT ${path}`));
    },
    ...extra,
  };
}

Deno.test("siblingReader resolves next to the manifest and never leaves its folder", async () => {
  const world = io({ "conn/schemas/users.json": "{}", "secret.txt": "x", "schemas/a.json": "A" });
  const read = siblingReader(world, "conn/manifest.yaml");
  strictEqual(await read("schemas/users.json"), "{}");
  strictEqual(await read("./schemas/users.json"), "{}");
  strictEqual(await read("schemas/missing.json"), undefined);
  strictEqual(await read("../secret.txt"), undefined);
  strictEqual(await read("schemas/../../secret.txt"), undefined);
  strictEqual(await read("/etc/passwd"), undefined);
  ok(!world.reads.some((p) => p.includes("secret") || p.includes("passwd")), world.reads.join());
  strictEqual(await siblingReader(world, "manifest.yaml")("schemas/a.json"), "A");
});

Deno.test("--connector picks the factory from the registry", async () => {
  const source = {} as Source;
  const world = io({}, { loadConnectors: () => Promise.resolve({ demo: () => source }) });
  strictEqual(await loadSource(parseCliArgs(["spec", "--connector", "demo"]), undefined, world), source);
  await rejects(
    loadSource(parseCliArgs(["spec", "--connector", "toString"]), undefined, world),
    (e: unknown) => {
      ok(e instanceof SpoutError && e.code === "usage_error" && e.message.includes("available: demo"));
      return true;
    },
  );
});

Deno.test("no source selected gives undefined; an injected manifest must be an object", async () => {
  strictEqual(await loadSource(parseCliArgs(["spec"]), undefined, io({})), undefined);
  await rejects(
    loadSource(parseCliArgs(["check", "--config", "c"]), { __injected_declarative_manifest: "nope" }, io({})),
    (e: unknown) => e instanceof SpoutError && e.code === "config_error",
  );
});

Deno.test("an unreadable manifest file is a config error naming the file", async () => {
  await rejects(
    loadSource(parseCliArgs(["spec", "--manifest", "m.yaml"]), undefined, io({})),
    (e: unknown) =>
      e instanceof SpoutError && e.code === "config_error" && e.message.includes("manifest file m.yaml"),
  );
});

Deno.test("--components is imported through io.importModule and a failure is manifest_invalid", async () => {
  const imported: string[] = [];
  const world = io({ "m.yaml": "version: 6.0.0" }, {
    importModule: (path) => {
      imported.push(path);
      return Promise.reject(new Error("SyntaxError in components"));
    },
  });
  await rejects(
    loadSource(parseCliArgs(["spec", "--manifest", "m.yaml", "--components", "c.ts"]), undefined, world),
    (e: unknown) => e instanceof SpoutError && e.code === "manifest_invalid" && e.message.includes("c.ts"),
  );
  deepStrictEqual(imported, ["c.ts"]);
});
