/**
 * Error handler family: DefaultErrorHandler (HttpResponseFilter, backoff strategies, max_retries,
 * max_time), CompositeErrorHandler, and the backoff strategies (Exponential, Constant, WaitTimeFromHeader,
 * WaitUntilTimeFromHeader), built on the shared HTTP error handling.
 * @module
 */
import { type BackoffStrategy, constantBackoff, exponentialBackoff } from "../../http/backoff.ts";
import {
  compositeErrorHandler,
  defaultErrorHandler,
  type ErrorHandler,
  type FilterContext,
  type ResponseFilter,
  responseFilter,
} from "../../http/error_handler.ts";
import type { ResponseAction } from "../../http/errors.ts";
import { waitTimeFromHeader, waitUntilTimeFromHeader } from "../../http/retry_after.ts";
import type { FailureType } from "../../errors.ts";
import { pyTruthy } from "../../extract/py_truthy.ts";
import { isObject } from "../../types.ts";
import { customComponent, isCustomComponent } from "../components_factory.ts";
import {
  type Component,
  type ComponentPath,
  type FactoryContext,
  interpolated,
  invalid,
  paramsOf,
} from "./context.ts";

/** A case-insensitive plain view of headers, like `requests`' CaseInsensitiveDict. */
export function headersView(
  headers: Headers,
  extra: { [key: string]: unknown } = {},
): { [key: string]: unknown } {
  const plain: { [key: string]: unknown } = {};
  for (const [k, v] of headers) plain[k] = v;
  Object.assign(plain, extra);
  return new Proxy(plain, {
    get: (target, key) => typeof key === "string" ? target[key.toLowerCase()] ?? target[key] : undefined,
    has: (target, key) => typeof key === "string" && (key.toLowerCase() in target || key in target),
    getOwnPropertyDescriptor: (target, key) =>
      typeof key === "string"
        ? Object.getOwnPropertyDescriptor(target, key.toLowerCase()) ??
          Object.getOwnPropertyDescriptor(target, key)
        : undefined,
  });
}

function numberOf(
  ctx: FactoryContext,
  value: unknown,
  params: Component,
  path: ComponentPath,
): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const v = interpolated(ctx, value, params, path).eval({});
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isFinite(n)) invalid(ctx, path, `expected a number, got ${JSON.stringify(v)}`);
  return n;
}

/** Builds one backoff strategy. */
export function buildBackoffStrategy(
  ctx: FactoryContext,
  component: unknown,
  path: ComponentPath,
): BackoffStrategy {
  if (!isObject(component)) return invalid(ctx, path, "expected a backoff strategy");
  if (isCustomComponent(component)) return customComponent(ctx, component, path, "backoff_strategy");
  const params = paramsOf(component);
  switch (component.type) {
    case "ExponentialBackoffStrategy": {
      const factor = numberOf(ctx, component.factor, params, [...path, "factor"]) ?? 5;
      return exponentialBackoff({ factorMs: factor * 1000 });
    }
    case "ConstantBackoffStrategy": {
      const seconds = numberOf(ctx, component.backoff_time_in_seconds, params, [
        ...path,
        "backoff_time_in_seconds",
      ]);
      return constantBackoff({ ms: (seconds ?? 0) * 1000 });
    }
    case "WaitTimeFromHeader": {
      const header = interpolated(ctx, component.header, params, [...path, "header"]).render({});
      const regex = component.regex === undefined || component.regex === null
        ? undefined
        : interpolated(ctx, component.regex, params, [...path, "regex"]).render({});
      return waitTimeFromHeader({
        header,
        regex,
        maxWaitingTimeSeconds: numberOf(ctx, component.max_waiting_time_in_seconds, params, [
          ...path,
          "max_waiting_time_in_seconds",
        ]),
      });
    }
    case "WaitUntilTimeFromHeader": {
      const header = interpolated(ctx, component.header, params, [...path, "header"]).render({});
      const regex = component.regex === undefined || component.regex === null
        ? undefined
        : interpolated(ctx, component.regex, params, [...path, "regex"]).render({});
      return waitUntilTimeFromHeader({
        header,
        regex,
        minWaitSeconds: numberOf(ctx, component.min_wait, params, [...path, "min_wait"]),
      });
    }
    default:
      return invalid(ctx, path, `backoff strategy ${String(component.type)} is not supported`);
  }
}

const ACTIONS: ReadonlySet<string> = new Set([
  "SUCCESS",
  "FAIL",
  "RETRY",
  "IGNORE",
  "RATE_LIMITED",
  "RESET_PAGINATION",
]);

function buildResponseFilter(ctx: FactoryContext, component: unknown, path: ComponentPath): ResponseFilter {
  if (!isObject(component)) return invalid(ctx, path, "expected an HttpResponseFilter");
  const params = paramsOf(component);
  const action = component.action === undefined || component.action === null
    ? undefined
    : String(component.action);
  if (action !== undefined && !ACTIONS.has(action)) {
    invalid(ctx, [...path, "action"], `unknown action ${action}`);
  }
  const vars = (c: FilterContext) => ({
    response: c.response,
    headers: headersView(c.headers),
    request_url: c.requestUrl,
  });
  const predicate = typeof component.predicate === "string" && component.predicate !== ""
    ? interpolated(ctx, component.predicate, params, [...path, "predicate"], { kind: "boolean" })
    : undefined;
  const message = component.error_message === undefined || component.error_message === null
    ? undefined
    : interpolated(ctx, component.error_message, params, [...path, "error_message"]);
  const codes = Array.isArray(component.http_codes) ? component.http_codes.map(Number) : undefined;
  return responseFilter({
    action: action as ResponseAction | undefined,
    failureType: component.failure_type as FailureType | undefined,
    httpCodes: codes,
    errorMessageContains: typeof component.error_message_contains === "string"
      ? component.error_message_contains
      : undefined,
    predicate: predicate ? (c) => pyTruthy(predicate.eval(vars(c))) : undefined,
    errorMessage: message ? (c) => message.render(vars(c)) || undefined : undefined,
  });
}

/** Builds an error handler (undefined component = Airbyte's default handler). */
export function buildErrorHandler(
  ctx: FactoryContext,
  component: unknown,
  path: ComponentPath,
): ErrorHandler {
  if (!isObject(component)) return defaultErrorHandler();
  if (isCustomComponent(component)) return customComponent(ctx, component, path, "error_handler");
  const params = paramsOf(component);
  switch (component.type) {
    case "DefaultErrorHandler": {
      const filters: ResponseFilter[] = [];
      if (Array.isArray(component.response_filters)) {
        component.response_filters.forEach((f, i) =>
          filters.push(buildResponseFilter(ctx, f, [...path, "response_filters", i]))
        );
      }
      const backoff = Array.isArray(component.backoff_strategies)
        ? component.backoff_strategies.map((b, i) =>
          buildBackoffStrategy(ctx, b, [...path, "backoff_strategies", i])
        )
        : undefined;
      const maxRetries = numberOf(ctx, component.max_retries, params, [...path, "max_retries"]);
      const maxTime = numberOf(ctx, component.max_time, params, [...path, "max_time"]);
      return defaultErrorHandler({
        responseFilters: filters,
        backoff,
        maxRetries: maxRetries ?? 5,
        maxTimeMs: maxTime === undefined ? undefined : maxTime * 1000,
      });
    }
    case "CompositeErrorHandler": {
      const handlers = Array.isArray(component.error_handlers) ? component.error_handlers : [];
      if (handlers.length === 0) invalid(ctx, path, "a CompositeErrorHandler needs error_handlers");
      return compositeErrorHandler(
        handlers.map((h, i) => buildErrorHandler(ctx, h, [...path, "error_handlers", i])),
      );
    }
    default:
      return invalid(ctx, path, `error handler ${String(component.type)} is not supported`);
  }
}
