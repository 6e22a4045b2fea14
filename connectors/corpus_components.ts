/**
 * The custom components shipped with spout's ported corpus connectors, in one registry:
 * `spout validate --components connectors/corpus_components.ts m.yaml` accepts a manifest whose classes are
 * all here. Each connector folder also exports its own registry — prefer it to run a connector: class names
 * are only unique per connector. Left out here: source-fastbill and source-aws-cloudtrail (both name a
 * different `source_declarative_manifest.components.CustomAuthenticator`: HTTP Basic vs AWS SigV4) and
 * source-chargebee (prestashop's `CustomFieldTransformation` is another component).
 * @module
 */
import { defineComponents } from "../src/declarative/components.ts";
import alphaVantage from "./source-alpha-vantage/components.ts";
import apify from "./source-apify-dataset/components.ts";
import paypal from "./source-paypal-transaction/components.ts";
import recurly from "./source-recurly/components.ts";
import zendesk from "./source-zendesk-support/components.ts";
import zoom from "./source-zoom/components.ts";
import bigcommerce from "./source-bigcommerce/components.ts";
import braze from "./source-braze/components.ts";
import gnews from "./source-gnews/components.ts";
import mailchimp from "./source-mailchimp/components.ts";
import retently from "./source-retently/components.ts";
import typeform from "./source-typeform/components.ts";

/** The merged registry. */
export const components = defineComponents({
  ...alphaVantage,
  ...apify,
  ...paypal,
  ...recurly,
  ...zendesk,
  ...zoom,
  ...bigcommerce,
  ...braze,
  ...gnews,
  ...mailchimp,
  ...retently,
  ...typeform,
});

export default components;
