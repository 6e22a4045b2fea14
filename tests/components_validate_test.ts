/**
 * `spout validate --components`: custom manifests whose classes are all registered pass, the others name the
 * missing classes; over the corpus this counts the custom manifests runnable with the shipped components.
 */
import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { main } from "../src/cli/main.ts";
import { memoryIO } from "./cli_helpers.ts";
import { corpusManifest } from "./components_helpers.ts";

const SHIPPED = new URL("../connectors/corpus_components.ts", import.meta.url).pathname;

async function validate(args: string[], files: Record<string, string>) {
  const { io, out, err } = memoryIO({ files });
  io.importModule = async (path) => ({ ...(await import(new URL(`file://${path}`).href)) });
  const code = await main(["validate", ...args], io);
  return { code, out: out(), err: err() };
}

async function corpusFiles(): Promise<Record<string, string>> {
  const dir = corpusManifest("x").replace(/x\.yaml$/, "");
  const files: Record<string, string> = {};
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.name.endsWith(".yaml")) continue;
    const text = await Deno.readTextFile(dir + entry.name);
    if (/^\s*(- )?class_name:/m.test(text)) files[entry.name] = text;
  }
  return files;
}

Deno.test("validate --components: the ported corpus manifests are runnable, the other custom ones are named", async () => {
  const files = await corpusFiles();
  const names = Object.keys(files).sort();
  const withComponents = await validate(["--components", SHIPPED, ...names], files);
  strictEqual(withComponents.code, 1);
  const after = names.filter((n) => withComponents.out.includes(`${n}: ok`));
  // a Python class path starts with the connector's package; other `class_name`s are data fields
  const custom = names.filter((n) => /class_name:\s*["']?source_/.test(files[n]));
  strictEqual(custom.length, 34, custom.join(", "));
  deepStrictEqual(after.filter((n) => custom.includes(n)), [
    "source-alpha-vantage.yaml",
    "source-amazon-seller-partner.yaml",
    "source-apify-dataset.yaml",
    "source-bigcommerce.yaml",
    "source-bing-ads.yaml",
    "source-braze.yaml",
    "source-gitlab.yaml",
    "source-gnews.yaml",
    "source-google-analytics-data-api.yaml",
    "source-google-sheets.yaml",
    "source-instagram.yaml",
    "source-jira.yaml",
    "source-linkedin-ads.yaml",
    "source-mailchimp.yaml",
    "source-nexus-datasets.yaml",
    "source-notion.yaml",
    "source-orb.yaml",
    "source-paypal-transaction.yaml",
    "source-pinterest.yaml",
    "source-recurly.yaml",
    "source-retently.yaml",
    "source-tiktok-marketing.yaml",
    "source-twilio.yaml",
    "source-typeform.yaml",
    "source-younium.yaml",
    "source-youtube-analytics.yaml",
    "source-zendesk-support.yaml",
    "source-zoom.yaml",
  ]);
  // fastbill/aws-cloudtrail and chargebee/prestashop name different components alike: own registries
  for (const name of ["source-fastbill", "source-aws-cloudtrail", "source-chargebee", "source-prestashop"]) {
    const own = await validate([
      "--components",
      new URL(`../connectors/${name}/components.ts`, import.meta.url).pathname,
      `${name}.yaml`,
    ], files);
    strictEqual(own.code, 0, own.out);
  }
  match(withComponents.out, /source-aws-cloudtrail\.yaml:\d+:\d+: .*CustomAuthenticator/);
  // the three manifests without custom components pass
  deepStrictEqual(after.filter((n) => !custom.includes(n)), names.filter((n) => !custom.includes(n)));
  // the rest still name their missing classes
  match(
    withComponents.out,
    /source-monday\.yaml:\d+:\d+: .*"source_declarative_manifest\.components\.MondayGraphqlRequester"/,
  );
  ok(!withComponents.out.includes("TypeformAuthenticator"));
  const without = await validate(["source-typeform.yaml"], files);
  strictEqual(without.code, 1);
  match(
    without.out,
    /source-typeform\.yaml:86:11: .*"source_declarative_manifest\.components\.TypeformAuthenticator".*--components/,
  );
});

Deno.test("validate --components: a module that cannot be loaded fails the command", async () => {
  const r = await validate(["--components", "/nonexistent/components.ts", "m.yaml"], {
    "m.yaml": "version: 6.0.0\n",
  });
  strictEqual(r.code, 1);
  match(r.err, /validate failed/);
});
