/**
 * `spout discover`: prints the CATALOG of the source's streams.
 * @module
 */
import { catalogMessage } from "../../protocol/messages.ts";
import { discoverSource } from "../../source/runner.ts";
import type { ConnectorSpec, Source } from "../../source/types.ts";
import type { JsonObject } from "../../types.ts";
import { assertValidConfig } from "../config.ts";
import type { Session } from "../session.ts";

/** Validates the config and prints the catalog. */
export async function runDiscover(
  session: Session,
  source: Source,
  config: JsonObject,
  spec: ConnectorSpec,
): Promise<void> {
  assertValidConfig(config, spec.connectionSpecification, session.env.log);
  const catalog = await discoverSource(source, config, session.readContext());
  await session.emit(catalogMessage(catalog));
}
