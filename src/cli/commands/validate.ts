/**
 * `spout validate PATH…`: checks manifests without running them; prints the validator's lines.
 * @module
 */
import type { CliIO, RunValidate } from "../io.ts";

async function defaultValidator(): Promise<RunValidate> {
  // Loaded on demand: only `validate` needs the validator.
  const module = await import("../../declarative/validate.ts") as { runValidate?: RunValidate };
  if (typeof module.runValidate !== "function") throw new Error("the manifest validator is not available");
  return module.runValidate;
}

/** The class names registered by a `--components` module (custom components count as runnable). */
async function knownClasses(
  io: CliIO,
  components: string | undefined,
): Promise<ReadonlySet<string> | undefined> {
  if (components === undefined) return undefined;
  if (!io.importModule) throw new Error("--components is not supported in this runtime");
  const module = await io.importModule(components);
  const { registeredClasses } = await import("../../declarative/components.ts");
  return registeredClasses(module);
}

/**
 * Validates manifests; returns the exit code (0 only when every manifest is valid). With `components` (the
 * `--components` module), custom classes it registers are accepted and the others are named.
 */
export async function runValidateCommand(paths: string[], io: CliIO, components?: string): Promise<number> {
  const run = await (io.loadValidator ?? defaultValidator)();
  const knownCustomClasses = await knownClasses(io, components);
  const { lines, ok } = await run(
    paths,
    (path) => io.readTextFile(path),
    knownCustomClasses ? { knownCustomClasses } : undefined,
  );
  const text = lines.map((line) => line.endsWith("\n") ? line : line + "\n").join("");
  if (text !== "") await io.stdout(new TextEncoder().encode(text));
  return ok ? 0 : 1;
}
