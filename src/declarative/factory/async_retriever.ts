/**
 * AsyncRetriever: per slice, create a server-side job (creation_requester), poll it (polling_requester,
 * status_extractor, status_mapping) every 5 s until completed (or failed / timed out after
 * polling_job_timeout minutes, default 60), find the download targets (download_target_extractor on the
 * polling response or a download_target_requester), download each through a SimpleRetriever built from
 * download_requester / download_decoder / download_extractor / download_paginator, then filter, transform
 * and normalise with the retriever's record_selector; finally delete the job (delete_requester) if defined.
 * Templates see `creation_response`, `polling_response` and `download_target` like the reference.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import type { StreamSlice } from "../../source/types.ts";
import { isObject, type RecordData } from "../../types.ts";
import { type Component, type ComponentPath, type FactoryContext, interpolated, invalid } from "./context.ts";
import { buildDecoder } from "./decoders.ts";
import { buildRequesterChain } from "./http.ts";
import { buildExtractor, buildRecordSelector } from "./record_selector.ts";
import { compileRequestInputs, toRequest } from "./request_options.ts";
import type { BuiltRetriever, RetrieverOptions } from "./retriever.ts";
import { buildSimpleRetriever } from "./retriever.ts";
import { requestVars } from "./slices.ts";
import type { RunContext } from "./types.ts";

const POLL_INTERVAL_MS = 5_000;
const STATUSES = ["running", "completed", "failed", "timeout"] as const;

interface Step {
  send(slice: StreamSlice, run: RunContext): Promise<{ response: Response; body: unknown }>;
}

function step(ctx: FactoryContext, component: unknown, path: ComponentPath, name: string): Step | undefined {
  if (!isObject(component)) return undefined;
  const inputs = compileRequestInputs(ctx, component, path);
  const chain = buildRequesterChain(ctx, component, path, name);
  const decode = buildDecoder(ctx, component.decoder, [...path, "decoder"]);
  return {
    async send(slice, run) {
      const vars = requestVars(slice, undefined);
      const parts = inputs.parts(vars);
      parts.url = inputs.url(vars);
      const response = await chain(run)(toRequest(parts, inputs.method, run.ctx.signal, run));
      let body: unknown = undefined;
      for await (const doc of decode(response)) {
        body = doc;
        break;
      }
      return { response, body };
    },
  };
}

function withExtra(slice: StreamSlice, extra: { [key: string]: unknown }): StreamSlice {
  return {
    partition: slice.partition,
    cursor_slice: slice.cursor_slice,
    extra_fields: { ...slice.extra_fields, ...extra },
  };
}

/** Builds an AsyncRetriever. */
export function buildAsyncRetriever(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
  options: RetrieverOptions,
): BuiltRetriever {
  const create = step(ctx, component.creation_requester, [...path, "creation_requester"], options.name);
  const poll = step(ctx, component.polling_requester, [...path, "polling_requester"], options.name);
  if (!create) {
    return invalid(ctx, [...path, "creation_requester"], "an AsyncRetriever needs a creation_requester");
  }
  if (!poll) {
    return invalid(ctx, [...path, "polling_requester"], "an AsyncRetriever needs a polling_requester");
  }
  if (!isObject(component.download_requester)) {
    return invalid(ctx, [...path, "download_requester"], "an AsyncRetriever needs a download_requester");
  }
  const targetRequester = step(ctx, component.download_target_requester, [
    ...path,
    "download_target_requester",
  ], options.name);
  const deleter = step(ctx, component.delete_requester, [...path, "delete_requester"], options.name);
  const statusExtractor = buildExtractor(ctx, component.status_extractor, [...path, "status_extractor"]);
  const targetExtractor = isObject(component.download_target_extractor)
    ? buildExtractor(ctx, component.download_target_extractor, [...path, "download_target_extractor"])
    : undefined;
  const mapping = new Map<string, (typeof STATUSES)[number]>();
  const statusMapping = isObject(component.status_mapping) ? component.status_mapping : {};
  for (const status of STATUSES) {
    const values = statusMapping[status];
    for (const v of Array.isArray(values) ? values : []) mapping.set(String(v), status);
  }
  const timeoutMinutes = component.polling_job_timeout === undefined || component.polling_job_timeout === null
    ? 60
    : Number(
      interpolated(ctx, String(component.polling_job_timeout), {}, [...path, "polling_job_timeout"]).eval({}),
    );
  const download = buildSimpleRetriever(
    ctx,
    {
      type: "SimpleRetriever",
      requester: component.download_requester,
      record_selector: {
        type: "RecordSelector",
        extractor: component.download_extractor ?? { type: "DpathExtractor", field_path: [] },
      },
      paginator: component.download_paginator,
      decoder: component.download_decoder,
    },
    [...path, "download"],
    { name: options.name },
  );
  const selector = buildRecordSelector(ctx, component.record_selector, [...path, "record_selector"], {
    schema: options.schema,
    transformations: options.transformations,
    clientSideIncremental: options.clientSideIncremental,
  });

  async function* pages(slice: StreamSlice, run: RunContext): AsyncIterable<RecordData[]> {
    const env = run.ctx.env;
    await selector.prepare();
    const created = await create!.send(slice, run);
    const jobSlice = withExtra(slice, { creation_response: created.body });
    const deadline = env.now() + timeoutMinutes * 60_000;
    let polled: { response: Response; body: unknown };
    for (;;) {
      run.ctx.signal?.throwIfAborted();
      polled = await poll!.send(jobSlice, run);
      const apiStatus = statusExtractor(polled.body)[0];
      const status = mapping.get(String(apiStatus));
      if (status === undefined) {
        throw new SpoutError(
          "manifest_invalid",
          `stream ${options.name}: async job status ${JSON.stringify(apiStatus)} is not in status_mapping`,
        );
      }
      if (status === "completed") break;
      if (status === "failed") {
        throw new SpoutError("http_server", `stream ${options.name}: the async job failed`);
      }
      if (status === "timeout" || env.now() >= deadline) {
        throw new SpoutError(
          "http_timeout",
          `stream ${options.name}: the async job did not complete in time`,
        );
      }
      await env.sleep(POLL_INTERVAL_MS, run.ctx.signal);
    }
    let targets: unknown[] = [""];
    if (targetExtractor) {
      const source = targetRequester
        ? (await targetRequester.send(withExtra(slice, { polling_response: polled.body }), run)).body
        : polled.body;
      targets = targetExtractor(source);
    }
    for (const target of targets) {
      const downloadSlice = withExtra(jobSlice, { download_target: target, polling_response: polled.body });
      for await (const raw of download.readSlicePages(downloadSlice, { ...run, cursor: undefined })) {
        const records = selector.process(raw, slice, undefined, run.cursor);
        if (records.length > 0) yield records;
      }
    }
    if (deleter) await deleter.send(jobSlice, run).then((r) => r.response.body?.cancel().catch(() => {}));
  }

  return {
    requester: component.creation_requester as Component,
    readSlicePages: pages,
    async *readSlice(slice, run) {
      for await (const records of pages(slice, run)) yield* records;
    },
  };
}
