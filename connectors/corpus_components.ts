/**
 * Every custom component shipped with spout's ported corpus connectors, in one registry:
 * `spout validate --components connectors/corpus_components.ts m.yaml` accepts a manifest whose classes are
 * all here. Each connector folder also exports its own registry.
 * @module
 */
import { defineComponents } from "../src/declarative/components.ts";
import alphaVantage from "./source-alpha-vantage/components.ts";
import bigcommerce from "./source-bigcommerce/components.ts";
import gnews from "./source-gnews/components.ts";
import retently from "./source-retently/components.ts";
import typeform from "./source-typeform/components.ts";

/** The merged registry (class names are unique across connectors). */
export const components = defineComponents({
  ...alphaVantage,
  ...bigcommerce,
  ...gnews,
  ...retently,
  ...typeform,
});

export default components;
