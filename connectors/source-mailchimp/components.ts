/**
 * Custom components of the corpus manifest `source-mailchimp.yaml` (unchanged), in TypeScript.
 *
 * - `ExtractAndSetDataCenterConfigValue` (config transformation): Mailchimp API keys end with their data
 *   center (`…-us6`), and every request goes to `https://<dc>.api.mailchimp.com/3.0/`; the data center is taken
 *   from the API key (`credentials.apikey`, or a legacy top-level `apikey`) into `data_center`. OAuth configs
 *   must carry `data_center` already (the OAuth metadata lookup needs a request, which config
 *   transformations cannot make here): a config error says so.
 * - `MailChimpRecordExtractorEmailActivity` (record extractor): `/reports/{id}/email-activity` returns one
 *   object per e-mail with an `activity` list; each activity becomes a record carrying the e-mail's fields
 *   (`campaign_id`, `list_id`, `email_id`, `email_address`, …) and its own (`action`, `timestamp`, …).
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";
import { fieldPathReader } from "../_shared/field_path.ts";
import { SpoutError } from "../../src/errors.ts";
import { isObject, type JsonObject } from "../../src/types.ts";

/** The data center suffix of a Mailchimp API key (`abc123-us6` -> `us6`), or undefined. */
export function dataCenterOf(apiKey: unknown): string | undefined {
  if (typeof apiKey !== "string") return undefined;
  const match = /-([a-z]+\d+)$/i.exec(apiKey.trim());
  return match ? match[1] : undefined;
}

/** The registry passed with `--components connectors/source-mailchimp/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.ExtractAndSetDataCenterConfigValue": {
    kind: "config_transformation",
    create: () => (config) => {
      if (typeof config.data_center === "string" && config.data_center !== "") return;
      const credentials = isObject(config.credentials) ? config.credentials : {};
      const dc = dataCenterOf(config.apikey ?? credentials.apikey);
      if (dc) {
        (config as JsonObject).data_center = dc;
        return;
      }
      throw new SpoutError(
        "config_error",
        credentials.auth_type === "oauth2.0"
          ? "set data_center (e.g. us6) in the config: it cannot be looked up for OAuth credentials here"
          : "the Mailchimp API key must end with its data center (e.g. …-us6)",
      );
    },
  },
  "source_declarative_manifest.components.MailChimpRecordExtractorEmailActivity": {
    kind: "record_extractor",
    create(options, ctx) {
      const read = fieldPathReader(options, ctx);
      return (document) => {
        const node = read(document);
        const emails = Array.isArray(node) ? node : [];
        return emails.flatMap((email) => {
          if (!isObject(email)) return [];
          const { activity, ...fields } = email;
          return (Array.isArray(activity) ? activity : []).filter(isObject).map((a) => ({ ...fields, ...a }));
        });
      };
    },
  },
});

export default components;
