/**
 * `spout spec`: prints the SPEC of the selected source (or of the generic declarative source).
 * @module
 */
import { specMessage } from "../../protocol/messages.ts";
import type { ConnectorSpec, Source } from "../../source/types.ts";
import type { Session } from "../session.ts";
import { GENERIC_SPEC } from "../source_loader.ts";

/** Prints the spec. */
export async function runSpec(session: Session, source: Source | undefined): Promise<void> {
  const spec: ConnectorSpec = source ? await source.spec() : structuredClone(GENERIC_SPEC);
  await session.emit(specMessage(spec));
}
