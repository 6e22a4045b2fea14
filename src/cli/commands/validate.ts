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

/** Validates manifests; returns the exit code (0 only when every manifest is valid). */
export async function runValidateCommand(paths: string[], io: CliIO): Promise<number> {
  const run = await (io.loadValidator ?? defaultValidator)();
  const { lines, ok } = await run(paths, (path) => io.readTextFile(path));
  const text = lines.map((line) => line.endsWith("\n") ? line : line + "\n").join("");
  if (text !== "") await io.stdout(new TextEncoder().encode(text));
  return ok ? 0 : 1;
}
