/**
 * `spout init`.
 * @module
 */
import type { CliIO } from "../io.ts";

/** Runs `spout init NAME [--manifest|--code] [--dir DIR]`; resolves to the exit code. */
export async function runInitCommand(_argv: string[], io: CliIO): Promise<number> {
  await io.stderr(new TextEncoder().encode("init: not ready\n"));
  return 1;
}
