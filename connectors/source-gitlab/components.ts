/**
 * Custom components of the corpus manifest `source-gitlab.yaml` (unchanged), in TypeScript.
 *
 * `ValidateApiUrl`: `api_url` must be a host with an optional `http://`/`https://` scheme (a dot, no path);
 * `http` is refused when the platform runs in cloud mode (`DEPLOYMENT_MODE=cloud`).
 *
 * `GroupStreamsPartitionRouter`: one partition `{id}` per group record of `include_descendant_groups` (the
 * configured groups and their descendants) when `groups_list` is set, else of `groups_list` (every group the
 * token can see).
 *
 * `ProjectStreamsPartitionRouter`: projects given in `projects_list` without `groups_list` are used directly;
 * otherwise the projects (`path_with_namespace`) of every group record, kept when listed in `projects_list`
 * (all when it is empty), falling back to `projects_list` when the groups have none. Ids have `/` encoded as
 * `%2F`. (This follows the current upstream component, which lists projects without enumerating groups
 * when only projects are configured.)
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";
import type { StreamSlice } from "../../src/source/types.ts";
import { isObject } from "../../src/types.ts";

/**
 * Whether `url` is an acceptable GitLab `api_url`; returns `[valid, scheme]`.
 *
 * @example
 * ```ts
 * import { parseApiUrl } from "./components.ts";
 * if (parseApiUrl("gitlab.example.com")[1] !== "https") throw 1;
 * if (parseApiUrl("http://gitlab.local.io")[1] !== "http") throw 2;
 * if (parseApiUrl("https://gitlab.com/api")[0] || parseApiUrl("localhost")[0]) throw 3;
 * ```
 */
export function parseApiUrl(url: string): [boolean, string] {
  if (!url.includes(".")) return [false, ""];
  const parts = url.split("://");
  let scheme = "https";
  let rest = url;
  if (parts.length > 1) {
    // Python unpacks exactly two parts: more than one "://" raises (the reference's check then fails)
    if (parts.length > 2) throw new Error("Invalid API resource locator.");
    [scheme, rest] = parts;
  }
  if (scheme !== "http" && scheme !== "https") return [false, ""];
  if (rest.includes("/")) return [false, ""];
  return [true, scheme];
}

function cloudMode(): boolean {
  try {
    const deno = (globalThis as { Deno?: { env: { get(key: string): string | undefined } } }).Deno;
    return (deno?.env.get("DEPLOYMENT_MODE") ?? "").toLowerCase() === "cloud";
  } catch {
    return false;
  }
}

function encodeProject(id: unknown): string {
  return String(id).replaceAll("/", "%2F");
}

function parentConfigs(options: { [key: string]: unknown }): { [key: string]: unknown }[] {
  return Array.isArray(options.parent_stream_configs) ? options.parent_stream_configs.filter(isObject) : [];
}

function streamName(config: { [key: string]: unknown }): unknown {
  return isObject(config.stream) ? config.stream.name : undefined;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

/** The registry passed with `--components connectors/source-gitlab/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.ValidateApiUrl": {
    kind: "validation_strategy",
    create: () => (value) => {
      const [valid, scheme] = parseApiUrl(String(value));
      if (!valid) throw new Error("Invalid API resource locator.");
      if (scheme === "http" && cloudMode()) {
        throw new Error("Http scheme is not allowed in this environment. Please use `https` instead.");
      }
    },
  },
  "source_declarative_manifest.components.GroupStreamsPartitionRouter": {
    kind: "partition_router",
    create(options, ctx) {
      const wanted = truthy(ctx.config.groups_list) ? "include_descendant_groups" : "groups_list";
      const selected = parentConfigs(options).filter((c) => streamName(c) === wanted);
      const parents = ctx.build("partition_router", {
        type: "SubstreamPartitionRouter",
        parent_stream_configs: selected.map((c) => ({ ...c, parent_key: "id", partition_field: "id" })),
      }, "parent_stream_configs");
      return {
        async *partitions(read) {
          if (!parents) return;
          for await (const slice of parents.partitions(read) as AsyncIterable<StreamSlice>) {
            yield { partition: { id: slice.partition.id }, cursor_slice: {} };
          }
        },
      };
    },
  },
  "source_declarative_manifest.components.ProjectStreamsPartitionRouter": {
    kind: "partition_router",
    create(options, ctx) {
      const projectsList = listOf(ctx.config.projects_list);
      const groupsList = listOf(ctx.config.groups_list);
      const first = parentConfigs(options)[0];
      const groups = first
        ? ctx.build("partition_router", {
          type: "SubstreamPartitionRouter",
          parent_stream_configs: [{ ...first, parent_key: "projects", partition_field: "projects" }],
        }, "parent_stream_configs")
        : undefined;
      const slice = (id: unknown): StreamSlice => ({
        partition: { id: encodeProject(id) },
        cursor_slice: {},
      });
      return {
        async *partitions(read) {
          if (projectsList.length > 0 && groupsList.length === 0) {
            for (const id of projectsList) yield slice(id);
            return;
          }
          const fromGroups: unknown[] = [];
          if (groups) {
            for await (const s of groups.partitions(read) as AsyncIterable<StreamSlice>) {
              for (const project of listOf(s.partition.projects)) {
                fromGroups.push(isObject(project) ? project.path_with_namespace : undefined);
              }
            }
          }
          if (fromGroups.length === 0) {
            for (const id of projectsList) yield slice(id);
            return;
          }
          for (const id of fromGroups) {
            if (projectsList.length === 0 || projectsList.includes(id)) yield slice(id);
          }
        },
      };
    },
  },
});

export default components;
