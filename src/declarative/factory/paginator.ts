/**
 * Paginator family: DefaultPaginator (CursorPagination, OffsetIncrement, PageIncrement strategies,
 * page_size_option, page_token_option incl. RequestPath) and NoPagination, built on the shared paginators.
 * Templates (`cursor_value`, `stop_condition`, `page_size`) are compiled once; a paginator is bound to a
 * slice so `stream_slice` is visible to them like in the reference.
 * @module
 */
import {
  defaultPaginator,
  type PageTokenOption,
  type PaginationStrategy,
} from "../../pagination/default_paginator.ts";
import { linksFromHeaders } from "../../pagination/link_header.ts";
import { noPagination } from "../../pagination/no_pagination.ts";
import { offsetIncrement } from "../../pagination/offset.ts";
import { pageIncrement } from "../../pagination/page_number.ts";
import type { RequestOption } from "../../partition/request_option.ts";
import { REQUEST_PATH } from "../../pagination/request_path.ts";
import type { PageContext, Paginator } from "../../pagination/types.ts";
import type { StreamSlice } from "../../source/types.ts";
import { isObject } from "../../types.ts";
import { pyTruthy } from "../../extract/py_truthy.ts";
import {
  bool,
  type Component,
  type ComponentPath,
  type FactoryContext,
  interpolated,
  invalid,
  paramsOf,
} from "./context.ts";
import type { RequestInputs } from "./request_options.ts";
import { headersView } from "./error_handler.ts";
import { sliceView } from "./slices.ts";
import type { Vars } from "./templates.ts";
import { customPaginationStrategy, isCustomComponent } from "../components_factory.ts";

/** A paginator factory bound per slice. */
export interface PaginatorFor {
  /** The paginator of one slice. */
  (slice: StreamSlice): Paginator;
  /**
   * True for OffsetIncrement / PageIncrement: like the reference, they count the records the API returned
   * (before the record filter), not the records emitted.
   */
  countsExtracted?: boolean;
}

/** Builds a RequestOption (field_name rendered once with config and parameters). */
export function buildRequestOption(
  ctx: FactoryContext,
  component: unknown,
  path: ComponentPath,
): RequestOption | undefined {
  if (!isObject(component)) return undefined;
  const params = paramsOf(component);
  const injectInto = String(component.inject_into ?? "request_parameter") as RequestOption["injectInto"];
  const option: RequestOption = { injectInto };
  const hasPath = component.field_path !== undefined && component.field_path !== null;
  const hasName = component.field_name !== undefined && component.field_name !== null;
  // Like the reference: also when one of them comes from $parameters (propagated onto the option's fields).
  if (hasPath && hasName) invalid(ctx, path, "a RequestOption takes field_name or field_path, not both");
  if (component.field_path !== undefined && component.field_path !== null) {
    const raw = Array.isArray(component.field_path) ? component.field_path : [component.field_path];
    option.fieldPath = raw.map((p, i) => interpolated(ctx, p, params, [...path, "field_path", i]).render({}));
  } else if (component.field_name !== undefined && component.field_name !== null) {
    option.fieldName = interpolated(ctx, component.field_name, params, [...path, "field_name"]).render({});
  } else {
    invalid(ctx, path, "a RequestOption needs field_name or field_path");
  }
  return option;
}

/** True when two request options would write the same key (or one inside the other) of the same request part. */
function optionsCollide(a: RequestOption, b: RequestOption): boolean {
  if (a.injectInto !== b.injectInto) return false;
  const pa = a.fieldPath ?? [a.fieldName ?? ""];
  const pb = b.fieldPath ?? [b.fieldName ?? ""];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return false;
  return true;
}

function pageTokenOption(
  ctx: FactoryContext,
  component: unknown,
  path: ComponentPath,
): PageTokenOption | undefined {
  if (!isObject(component)) return undefined;
  if (component.type === "RequestPath") return REQUEST_PATH;
  return buildRequestOption(ctx, component, path);
}

function pageSizeOf(
  ctx: FactoryContext,
  value: unknown,
  params: Component,
  path: ComponentPath,
): number | undefined {
  if (value === undefined || value === null) return undefined;
  const v = interpolated(ctx, value, params, path).eval({});
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isFinite(n)) invalid(ctx, path, `page_size must be a number, got ${JSON.stringify(v)}`);
  return n;
}

/** The variables of `cursor_value` / `stop_condition` templates for a page. */
export function pageVars(
  page: PageContext,
  slice: StreamSlice,
  pageSize: number | undefined,
  withHeaders = true,
): Vars {
  // `headers` is requests' CaseInsensitiveDict with `link` replaced by the parsed Link header (built only
  // when a template reads it: it is the costliest variable).
  const headers = withHeaders
    ? headersView(page.response.headers, {
      link: linksFromHeaders(page.response.headers, page.response.url || undefined),
    })
    : {};
  return {
    response: page.body,
    headers,
    last_record: page.lastRecord,
    last_page_size: page.lastPageSize,
    page_size: pageSize,
    stream_slice: sliceView(slice),
  };
}

type StrategyFor = (slice: StreamSlice) => PaginationStrategy;

function buildStrategy(ctx: FactoryContext, component: unknown, path: ComponentPath): StrategyFor {
  if (!isObject(component)) return invalid(ctx, path, "a DefaultPaginator needs a pagination_strategy");
  if (isCustomComponent(component)) return customPaginationStrategy(ctx, component, path);
  const params = paramsOf(component);
  switch (component.type) {
    case "CursorPagination": {
      const pageSize = pageSizeOf(ctx, component.page_size, params, [...path, "page_size"]);
      const cursorValue = interpolated(ctx, component.cursor_value, params, [...path, "cursor_value"]);
      const stop = component.stop_condition === undefined || component.stop_condition === null
        ? undefined
        : interpolated(ctx, component.stop_condition, params, [...path, "stop_condition"], {
          kind: "boolean",
        });
      const withHeaders = cursorValue.uses("headers") || (stop?.uses("headers") ?? false);
      const pageSizeOrUndefined = pageSize || undefined;
      // One context per page for both templates (stop_condition first, then cursor_value, like the reference).
      return (slice) => ({
        initialToken: () => undefined,
        pageSize: () => pageSizeOrUndefined,
        nextToken(page: PageContext): unknown {
          // Both templates have the strategy's `$parameters`: one context serves both.
          const scope = cursorValue.scope(pageVars(page, slice, pageSize, withHeaders));
          if (stop && pyTruthy(stop.eval(scope))) return undefined;
          return cursorValue.eval(scope);
        },
      });
    }
    case "OffsetIncrement": {
      const strategy = offsetIncrement({
        pageSize: pageSizeOf(ctx, component.page_size, params, [...path, "page_size"]),
        injectOnFirstRequest: bool(component.inject_on_first_request),
      });
      return () => strategy;
    }
    case "PageIncrement": {
      const start = pageSizeOf(ctx, component.start_from_page, params, [...path, "start_from_page"]);
      const strategy = pageIncrement({
        pageSize: pageSizeOf(ctx, component.page_size, params, [...path, "page_size"]),
        startFromPage: start ?? 0,
        injectOnFirstRequest: bool(component.inject_on_first_request),
      });
      return () => strategy;
    }
    default:
      return invalid(ctx, path, `pagination strategy ${String(component.type)} is not supported`);
  }
}

/** Builds the paginator of a retriever (NoPagination when absent). */
export function buildPaginator(
  ctx: FactoryContext,
  component: unknown,
  path: ComponentPath,
  _inputs: RequestInputs,
): PaginatorFor {
  if (!isObject(component) || component.type === "NoPagination") {
    const none = noPagination();
    return () => none;
  }
  if (component.type !== "DefaultPaginator") {
    return invalid(ctx, path, `paginator ${String(component.type)} is not supported`);
  }
  const strategyFor = buildStrategy(ctx, component.pagination_strategy, [...path, "pagination_strategy"]);
  const pageSizeOption = buildRequestOption(ctx, component.page_size_option, [...path, "page_size_option"]);
  const tokenOption = pageTokenOption(ctx, component.page_token_option, [...path, "page_token_option"]);
  if (pageSizeOption && tokenOption && tokenOption.injectInto !== "path") {
    // The reference validates this when it builds the paginator (distinct dummy values must not share a key).
    if (optionsCollide(pageSizeOption, tokenOption as RequestOption)) {
      invalid(
        ctx,
        path,
        "page_size_option and page_token_option inject into the same key; use different fields",
      );
    }
  }
  const cached = new Map<PaginationStrategy, Paginator>();
  // The retriever asks for the paginator of a slice on every page: the last one is kept.
  let lastSlice: StreamSlice | undefined;
  let lastPaginator: Paginator | undefined;
  const forSlice: PaginatorFor = (slice) => {
    if (slice === lastSlice && lastPaginator) return lastPaginator;
    const strategy = strategyFor(slice);
    let paginator = cached.get(strategy);
    if (!paginator) {
      paginator = defaultPaginator({ strategy, pageSizeOption, pageTokenOption: tokenOption });
      if (cached.size < 4) cached.set(strategy, paginator);
    }
    lastSlice = slice;
    lastPaginator = paginator;
    return paginator;
  };
  const strategyType = isObject(component.pagination_strategy)
    ? component.pagination_strategy.type
    : undefined;
  forSlice.countsExtracted = strategyType === "OffsetIncrement" || strategyType === "PageIncrement";
  return forSlice;
}
