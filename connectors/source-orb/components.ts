/**
 * Custom components of the corpus manifest `source-orb.yaml` (unchanged), in TypeScript.
 *
 * `SubscriptionUsagePartitionRouter`: the `subscription_usage` stream is read per subscription (its
 * `subscriptions_stream`, read in full refresh). With `config.plan_id`, subscriptions on other plans are
 * skipped. With `config.subscription_usage_grouping_key`, the API accepts one billable metric per call: the
 * `plans_stream` is read first and each subscription yields one partition per billable metric of its plan's
 * prices (`{subscription_id, billable_metric_id}`; none when the plan is unknown). When no partition was
 * produced at all, one empty partition is yielded (so the read still checkpoints), as in the reference.
 *
 * `SubscriptionUsageTransformation`: a no-op, exactly like the reference. The Python method is a generator
 * (it `yield`s the flattened usage records), and the record selector calls transformations for their side
 * effects without iterating the result, so its body never runs; the manifest's RemoveFields/AddFields around
 * it decide the record (usage removed, `grouping_key` added).
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";
import type { StreamSlice } from "../../src/source/types.ts";
import { isObject, type RecordData } from "../../src/types.ts";
import { nestedStream } from "../_shared/nested_stream.ts";

/**
 * The billable metric ids of a plan's prices, in order (null for a price without a metric).
 *
 * @example
 * ```ts
 * import { planMetricIds } from "./components.ts";
 * const ids = planMetricIds({ prices: [{ billable_metric: { id: "m1" } }, { id: "fixed" }] });
 * if (JSON.stringify(ids) !== '["m1",null]') throw new Error(JSON.stringify(ids));
 * ```
 */
export function planMetricIds(plan: RecordData): unknown[] {
  const prices = Array.isArray(plan.prices) ? plan.prices : [];
  return prices.map((price) => {
    const metric = isObject(price) ? price.billable_metric : undefined;
    return isObject(metric) && metric.id !== undefined ? metric.id : null;
  });
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}

/** The registry passed with `--components connectors/source-orb/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.SubscriptionUsagePartitionRouter": {
    kind: "partition_router",
    create(options, ctx) {
      const plans = nestedStream(ctx, options.plans_stream, "plans_stream");
      const subscriptions = nestedStream(ctx, options.subscriptions_stream, "subscriptions_stream");
      const planFilter = ctx.config.plan_id;
      const grouped = truthy(ctx.config.subscription_usage_grouping_key);
      const slice = (partition: Record<string, unknown>): StreamSlice => ({ partition, cursor_slice: {} });
      return {
        async *partitions(read) {
          let yielded = false;
          const metricsByPlan = new Map<unknown, unknown[]>();
          if (grouped) {
            for await (const plan of plans.read(read)) {
              if (truthy(planFilter) && plan.id !== planFilter) continue;
              metricsByPlan.set(plan.id, planMetricIds(plan));
            }
          }
          for await (const subscription of subscriptions.read(read)) {
            if (truthy(planFilter) && subscription.plan_id !== planFilter) continue;
            if (!grouped) {
              yield slice({ subscription_id: subscription.id });
              yielded = true;
              continue;
            }
            for (const metricId of metricsByPlan.get(subscription.plan_id) ?? []) {
              yield slice({ subscription_id: subscription.id, billable_metric_id: metricId });
              yielded = true;
            }
          }
          if (!yielded) yield slice({});
        },
      };
    },
  },
  "source_declarative_manifest.components.SubscriptionUsageTransformation": {
    kind: "transformation",
    create: () => () => undefined,
  },
});

export default components;
