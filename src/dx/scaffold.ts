/**
 * What `spout init` writes: the file plan of a new connector (pure: the CLI writes the files).
 * @module
 */
import { SpoutError } from "../errors.ts";
import { MAIN_TEMPLATE, SOURCE_TEMPLATE, SPEC_TEMPLATE } from "./templates/code.ts";
import { FIXTURES, README_TEMPLATE, TEST_CATALOG, TEST_CONFIG, TEST_TEMPLATE } from "./templates/common.ts";
import { MANIFEST_TEMPLATE } from "./templates/manifest.ts";

/** Options of {@link planScaffold}. */
export interface ScaffoldOptions {
  /** `manifest` (low-code YAML, default) or `code` (TypeScript source). */
  flavour?: "manifest" | "code";
  /** The connector's folder as the user names it (used in printed commands), e.g. `connectors/my-api`. */
  dir: string;
  /** Import prefix of spout's root from the connector folder, e.g. `../..` or `file:///opt/spout`. */
  spout: string;
}

/** Valid connector names: a letter, then letters, digits, `-` or `_`. */
export const CONNECTOR_NAME: RegExp = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/__([A-Z_]+)__/g, (whole, key: string) => values[key] ?? whole);
}

/**
 * The files of a new connector, relative to its folder.
 *
 * @example
 * ```ts
 * import { planScaffold } from "./scaffold.ts";
 * const files = planScaffold("my-api", { dir: "connectors/my-api", spout: "../.." });
 * if (!files["manifest.yaml"].includes("title: my-api")) throw new Error("manifest");
 * if (!files["connector_test.ts"].includes('from "../../src/dx/mod.ts"')) throw new Error("test imports spout");
 * if (!("fixtures/0001-GET-customers.json" in files)) throw new Error("fixtures");
 * ```
 */
export function planScaffold(name: string, options: ScaffoldOptions): Record<string, string> {
  if (!CONNECTOR_NAME.test(name)) {
    throw new SpoutError(
      "usage_error",
      `connector name "${name}" must start with a letter and use only letters, digits, - and _`,
    );
  }
  const code = options.flavour === "code";
  const dir = options.dir.replace(/\/+$/, "");
  const sourceArgs = code ? `--connector ${name}` : `--manifest ${dir}/manifest.yaml`;
  const values: Record<string, string> = {
    NAME: name,
    SPOUT: options.spout.replace(/\/+$/, ""),
    DIR: dir,
    SOURCE_ARGS: sourceArgs,
    CLI: code ? `deno run -A ${dir}/main.ts` : "spout",
    FLAVOUR: code ? "TypeScript code connector" : "low-code manifest",
    MAIN_FILE: code ? "source.ts" : "manifest.yaml",
    SPEC_LINE: code
      ? " (streams as classes); `spec.json`: its config spec; `main.ts`: the CLI with it"
      : " (streams, auth, pagination, spec)",
    SPOUT_NOTE: code
      ? "\nA code connector is not built into the `spout` binary: `main.ts` runs the spout CLI with it registered.\n"
      : "",
    IMPORTS: code ? `import { Source } from "./source.ts";\n` : "",
    RUN_ARGS: code ? `"--connector",\n    "${name}"` : `"--manifest",\n    here("manifest.yaml")`,
    RUN_OPTIONS: code ? `\n    connectors: { "${name}": () => new Source() },` : "",
  };
  const files: Record<string, string> = {
    "README.md": fill(README_TEMPLATE, values),
    "connector_test.ts": fill(TEST_TEMPLATE, values),
    "testdata/config.json": TEST_CONFIG,
    "testdata/catalog.json": TEST_CATALOG,
  };
  for (const [file, content] of Object.entries(FIXTURES)) files[`fixtures/${file}`] = content;
  if (code) {
    files["source.ts"] = fill(SOURCE_TEMPLATE, values);
    files["spec.json"] = fill(SPEC_TEMPLATE, values);
    files["main.ts"] = fill(MAIN_TEMPLATE, values);
  } else {
    files["manifest.yaml"] = fill(MANIFEST_TEMPLATE, values);
  }
  return files;
}
