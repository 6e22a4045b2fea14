/**
 * Helper of the ported-connector tests: `spout validate --components connectors/NAME/components.ts` over the
 * unchanged corpus manifest, in-process.
 */
import { main } from "../src/cli/main.ts";
import { memoryIO } from "./cli_helpers.ts";
import { corpusText } from "./components_helpers.ts";

/** Runs `validate --components` for connector `name` on its corpus manifest; returns the exit code and output. */
export async function validateConnector(name: string): Promise<{ code: number; out: string }> {
  const file = `${name}.yaml`;
  const { io, out } = memoryIO({ files: { [file]: await corpusText(name) } });
  io.importModule = async (path) => ({ ...(await import(new URL(`file://${path}`).href)) });
  const components = new URL(`../connectors/${name}/components.ts`, import.meta.url).pathname;
  const code = await main(["validate", "--components", components, file], io);
  return { code, out: out() };
}
