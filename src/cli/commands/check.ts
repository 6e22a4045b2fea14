/**
 * `spout check`: an invalid config or a failed check prints CONNECTION_STATUS FAILED (exit 0, as Airbyte).
 * @module
 */
import { connectionStatusMessage } from "../../protocol/messages.ts";
import { checkSource } from "../../source/runner.ts";
import type { ConnectorSpec, Source } from "../../source/types.ts";
import type { JsonObject } from "../../types.ts";
import { configProblems } from "../config.ts";
import type { Session } from "../session.ts";

/** Runs `check` and prints its CONNECTION_STATUS. */
export async function runCheck(
  session: Session,
  source: Source,
  config: JsonObject,
  spec: ConnectorSpec,
): Promise<void> {
  const problems = configProblems(config, spec.connectionSpecification, session.env.log);
  if (problems.length > 0) {
    await session.emit(connectionStatusMessage({
      status: "FAILED",
      message: session.masker.mask(`Config validation error: ${problems.join("; ")}`),
    }));
    return;
  }
  const status = await checkSource(source, config, session.readContext());
  await session.emit(connectionStatusMessage(status));
}
