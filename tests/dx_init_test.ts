/**
 * `spout init`: the scaffold of both flavours passes its own test as generated (run by `deno test` in a
 * subprocess), the code flavour's main.ts runs the CLI, and init refuses bad names and existing folders.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { spoutImportPrefix } from "../src/cli/commands/init.ts";
import { main } from "../src/cli/main.ts";
import { fileIO } from "./dx_helpers.ts";

const repoConfig = new URL("../deno.json", import.meta.url).pathname;

async function deno(args: string[], cwd: string): Promise<{ code: number; out: string }> {
  const result = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  })
    .output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: result.code, out: decode(result.stdout) + decode(result.stderr) };
}

Deno.test("init scaffolds manifest and code connectors whose generated tests pass as generated", async () => {
  const dir = await Deno.makeTempDir({ prefix: "spout_init_" });
  try {
    const manifest = fileIO();
    strictEqual(await main(["init", "shop-a", "--dir", `${dir}/connectors`], manifest.io), 0, manifest.err());
    ok(manifest.out().includes(`deno test -A ${dir}/connectors/shop-a`), "prints how to run the test");
    const code = fileIO();
    strictEqual(
      await main(["init", "shop-b", "--code", "--dir", `${dir}/connectors`], code.io),
      0,
      code.err(),
    );
    const list = (name: string) =>
      [...walk(`${dir}/connectors/${name}`)].map((p) => p.slice(`${dir}/connectors/${name}/`.length)).sort();
    deepStrictEqual(list("shop-a"), [
      "README.md",
      "connector_test.ts",
      "fixtures/0001-GET-customers.json",
      "fixtures/0002-GET-customers.json",
      "fixtures/0003-GET-orders.json",
      "manifest.yaml",
      "testdata/catalog.json",
      "testdata/config.json",
    ]);
    ok(
      list("shop-b").includes("source.ts") && list("shop-b").includes("spec.json") &&
        list("shop-b").includes("main.ts"),
    );

    // Generated code is formatted and lint-clean under the repository's rules (so it can be committed).
    const fmt = await deno(["fmt", "--check", "--config", repoConfig, "connectors"], dir);
    strictEqual(fmt.code, 0, fmt.out);
    const lint = await deno(["lint", "--config", repoConfig, "connectors"], dir);
    strictEqual(lint.code, 0, lint.out);

    // The generated tests, type-checked and run by a real `deno test`.
    const test = await deno(
      ["test", "-A", "--config", repoConfig, "connectors/shop-a", "connectors/shop-b"],
      dir,
    );
    strictEqual(test.code, 0, test.out);
    ok(test.out.includes("ok | 2 passed | 0 failed"), test.out);

    // The code flavour's main.ts is the CLI with the connector registered.
    const b = `${dir}/connectors/shop-b`;
    const read = await deno([
      "run",
      "-A",
      "--no-check",
      "--config",
      repoConfig,
      `${b}/main.ts`,
      "read",
      "--connector",
      "shop-b",
      "--config",
      `${b}/testdata/config.json`,
      "--catalog",
      `${b}/testdata/catalog.json`,
      "--replay",
      `${b}/fixtures`,
    ], dir);
    strictEqual(read.code, 0, read.out);
    strictEqual(read.out.split("\n").filter((l) => l.startsWith('{"type":"RECORD"')).length, 10);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("init refuses an existing folder (unless --force) and invalid names", async () => {
  const dir = await Deno.makeTempDir({ prefix: "spout_init_" });
  try {
    strictEqual(await main(["init", "x1", "--dir", dir], fileIO().io), 0);
    await Deno.writeTextFile(`${dir}/x1/manifest.yaml`, "edited");
    const again = fileIO();
    strictEqual(await main(["init", "x1", "--dir", dir], again.io), 1);
    ok(again.err().includes("already exists"), again.err());
    strictEqual(await Deno.readTextFile(`${dir}/x1/manifest.yaml`), "edited", "nothing overwritten");
    strictEqual(await main(["init", "x1", "--dir", dir, "--force"], fileIO().io), 0);
    ok((await Deno.readTextFile(`${dir}/x1/manifest.yaml`)).startsWith("version:"));
    const bad = fileIO();
    strictEqual(await main(["init", "../evil", "--dir", dir], bad.io), 2);
    ok(bad.err().includes("must start with a letter"), bad.err());
    strictEqual(await main(["init", "a", "--manifest", "--code"], fileIO().io), 2);
    strictEqual(await main(["init"], fileIO().io), 2);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

function* walk(dir: string): Generator<string> {
  for (const entry of Deno.readDirSync(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) yield* walk(path);
    else yield path;
  }
}

Deno.test("generated files import spout relatively inside the repository and by file URL outside it", () => {
  const root = new URL("../", import.meta.url);
  const rootPath = decodeURIComponent(root.pathname).replace(/\/$/, "");
  strictEqual(spoutImportPrefix(`${rootPath}/connectors/x`), "../..");
  strictEqual(spoutImportPrefix(`${rootPath}/a/b/c`), "../../..");
  strictEqual(spoutImportPrefix("/elsewhere/x"), root.href.replace(/\/$/, ""));
  strictEqual(spoutImportPrefix("/elsewhere/x", new URL("https://cdn.test/spout/")), "jsr:@spout/spout");
});
