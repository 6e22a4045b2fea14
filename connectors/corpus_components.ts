/**
 * The custom components shipped with spout's ported corpus connectors, in one registry:
 * `spout validate --components connectors/corpus_components.ts m.yaml` accepts a manifest whose classes are
 * all here. Each connector folder also exports its own registry — prefer it to run a connector: class names
 * are only unique per connector. Left out here: source-fastbill and source-aws-cloudtrail (both name a
 * different `source_declarative_manifest.components.CustomAuthenticator`: HTTP Basic vs AWS SigV4) and
 * source-chargebee and source-prestashop (both name a `CustomFieldTransformation`, different components).
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
import amazonSellerPartner from "./source-amazon-seller-partner/components.ts";
import bingAds from "./source-bing-ads/components.ts";
import gitlab from "./source-gitlab/components.ts";
import googleAnalyticsDataApi from "./source-google-analytics-data-api/components.ts";
import googleSheets from "./source-google-sheets/components.ts";
import instagram from "./source-instagram/components.ts";
import jira from "./source-jira/components.ts";
import linkedinAds from "./source-linkedin-ads/components.ts";
import nexusDatasets from "./source-nexus-datasets/components.ts";
import notion from "./source-notion/components.ts";
import orb from "./source-orb/components.ts";
import pinterest from "./source-pinterest/components.ts";
import tiktokMarketing from "./source-tiktok-marketing/components.ts";
import twilio from "./source-twilio/components.ts";
import younium from "./source-younium/components.ts";
import youtubeAnalytics from "./source-youtube-analytics/components.ts";

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
  ...amazonSellerPartner,
  ...bingAds,
  ...gitlab,
  ...googleAnalyticsDataApi,
  ...googleSheets,
  ...instagram,
  ...jira,
  ...linkedinAds,
  ...nexusDatasets,
  ...notion,
  ...orb,
  ...pinterest,
  ...tiktokMarketing,
  ...twilio,
  ...younium,
  ...youtubeAnalytics,
});

export default components;
