/**
 * Custom components of the corpus manifest `source-zendesk-support.yaml` (unchanged), in TypeScript.
 *
 * - `ZendeskSupportAttributeDefinitionsExtractor`: `GET /routing/attributes/definitions` answers
 *   `{"definitions": {"conditions_all": [...], "conditions_any": [...]}}`; every definition of both lists is
 *   a record (all first, then any).
 * - `ZendeskSupportExtractorEvents`: the incremental ticket events export with `include=comment_events`
 *   nests comments as `ticket_events[*].child_events[*]`; each child event of type `Comment` becomes a record,
 *   completed with its ticket event's `ticket_id`, `timestamp`, `created_at` and `via_reference_id` when it
 *   has none of its own.
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";
import { isObject, type RecordData } from "../../src/types.ts";

const INHERITED = ["ticket_id", "timestamp", "created_at", "via_reference_id"] as const;

/** The comment records of one ticket events page. */
export function commentEvents(document: unknown): RecordData[] {
  const events = isObject(document) && Array.isArray(document.ticket_events) ? document.ticket_events : [];
  const out: RecordData[] = [];
  for (const event of events) {
    if (!isObject(event) || !Array.isArray(event.child_events)) continue;
    for (const child of event.child_events) {
      if (!isObject(child) || child.event_type !== "Comment") continue;
      const record: RecordData = { ...child };
      for (const key of INHERITED) {
        if (record[key] === undefined && event[key] !== undefined) record[key] = event[key];
      }
      out.push(record);
    }
  }
  return out;
}

/** The registry passed with `--components connectors/source-zendesk-support/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.ZendeskSupportAttributeDefinitionsExtractor": {
    kind: "record_extractor",
    create: () => (document) => {
      const definitions = isObject(document) && isObject(document.definitions) ? document.definitions : {};
      return ["conditions_all", "conditions_any"].flatMap((key) =>
        Array.isArray(definitions[key]) ? (definitions[key] as unknown[]).filter(isObject) : []
      );
    },
  },
  "source_declarative_manifest.components.ZendeskSupportExtractorEvents": {
    kind: "record_extractor",
    create: () => (document) => commentEvents(document),
  },
});

export default components;
