/**
 * `spout check`: an invalid config or a failed check prints CONNECTION_STATUS FAILED (exit 0, as Airbyte).
 * @module
 */
import { connectionStatusMessage } from "../../protocol/messages.ts";
import { checkSource } from "../../source/runner.ts";
import { interrupted } from "../../source/stream_run.ts";
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
  const ctx = session.readContext();
  const status = await checkSource(source, config, ctx);
  // Interrupted (SIGINT/SIGTERM): the check did not fail, it did not finish — say so and exit 1.
  if (ctx.signal?.aborted) await session.emit(interrupted(ctx));
  else await session.emit(connectionStatusMessage(status));
}
