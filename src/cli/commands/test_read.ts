/**
 * `spout test-read`.
 * @module
 */
import type { ConnectorSpec, Source } from "../../source/types.ts";
import type { JsonObject } from "../../types.ts";
import type { Session } from "../session.ts";

/** Runs `spout test-read`. */
export async function runTestRead(
  session: Session,
  _source: Source,
  _config: JsonObject,
  _spec: ConnectorSpec,
): Promise<void> {
  await session.say("test-read: not ready");
}
