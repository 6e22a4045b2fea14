import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import { SpoutError } from "../errors.ts";
import { parseCliArgs } from "./args.ts";

Deno.test("read arguments with aliases and concurrency", () => {
  deepStrictEqual(
    parseCliArgs([
      "read",
      "--config",
      "c.json",
      "--catalog",
      "k.json",
      "--state",
      "s.json",
      "--manifest-path",
      "m.yaml",
      "--components-path",
      "x.ts",
      "--concurrency",
      "4",
      "--stream-concurrency",
      "3",
      "--debug",
    ]),
    {
      command: "read",
      config: "c.json",
      catalog: "k.json",
      state: "s.json",
      manifest: "m.yaml",
      components: "x.ts",
      concurrency: 4,
      streamConcurrency: 3,
      debug: true,
      paths: [],
    },
  );
  deepStrictEqual(parseCliArgs(["validate", "a.yaml", "b.yaml"]).paths, ["a.yaml", "b.yaml"]);
  strictEqual(parseCliArgs(["spec", "--help"]).command, "help");
  strictEqual(parseCliArgs(["--version"]).command, "version");
  strictEqual(parseCliArgs(["check", "--config=c.json", "--connector", "x"]).config, "c.json");
});

Deno.test("usage errors say what is wrong", () => {
  const cases: [string[], string][] = [
    [[], "missing command"],
    [["write"], 'unknown command "write"'],
    [["discover"], "discover needs --config"],
    [["read", "--config", "c"], "read needs --catalog"],
    [["read", "--config", "c", "--catalog", "k", "--concurrency", "two"], "--concurrency"],
    [
      ["read", "--config", "c", "--catalog", "k", "--stream-concurrency", "1.5"],
      "--stream-concurrency must be",
    ],
    [["spec", "--manifest", "a", "--manifest-path", "b"], "give the manifest once"],
    [["spec", "--connector", "x", "--components", "c.ts"], "--components only applies to manifests"],
    [["spec", "--nope"], "nope"],
    [["spec", "--config"], "config"],
  ];
  for (const [args, fragment] of cases) {
    throws(() => parseCliArgs(args), (error: unknown) => {
      ok(error instanceof SpoutError && error.code === "usage_error");
      ok(error.message.includes(fragment), `${error.message} / ${fragment}`);
      return true;
    });
  }
});
