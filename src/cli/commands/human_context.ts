/**
 * The read context of the human-facing commands (sync, test-read): like the session's, but logs go to stderr
 * as text (WARN and above always, the rest with --debug), never to stdout as protocol LOG messages.
 * @module
 */
import type { Logger } from "../../env.ts";
import type { ReadContext } from "../../source/types.ts";
import type { Session } from "../session.ts";

/** Returns the logger and read context for `spout <command>`. */
export function humanContext(session: Session, command: string): { log: Logger; ctx: ReadContext } {
  const log: Logger = (level, text) => {
    if (session.args.debug || level === "WARN" || level === "ERROR" || level === "FATAL") {
      session.say(session.masker.mask(`spout ${command}: ${level} ${text}`)).catch(() => {});
    }
  };
  const base = session.readContext();
  return { log, ctx: { ...base, env: { ...base.env, log } } };
}
