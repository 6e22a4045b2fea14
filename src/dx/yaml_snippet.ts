/**
 * A tiny YAML emitter for the snippets the developer tools print (plain JSON data: objects, arrays, strings,
 * numbers, booleans, null). Strings are quoted whenever plain YAML could read them differently.
 * @module
 */

const PLAIN = /^[A-Za-z_/$.][\w ./$-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

function scalar(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = String(value);
  if (text !== "" && PLAIN.test(text) && !RESERVED.test(text) && text.trim() === text) return text;
  return JSON.stringify(text);
}

function isEmptyContainer(value: unknown): boolean {
  return (Array.isArray(value) && value.length === 0) ||
    (typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);
}

function emit(value: unknown, indent: string, lines: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === "object" && item !== null && !isEmptyContainer(item)) {
        const sub: string[] = [];
        emit(item, indent + "  ", sub);
        lines.push(`${indent}- ${sub[0].trimStart()}`, ...sub.slice(1));
      } else {
        lines.push(`${indent}- ${isEmptyContainer(item) ? JSON.stringify(item) : scalar(item)}`);
      }
    }
    return;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const k = scalar(key);
    if (typeof item === "object" && item !== null && !isEmptyContainer(item)) {
      lines.push(`${indent}${k}:`);
      emit(item, Array.isArray(item) ? indent + "  " : indent + "  ", lines);
    } else {
      lines.push(`${indent}${k}: ${isEmptyContainer(item) ? JSON.stringify(item) : scalar(item)}`);
    }
  }
}

/**
 * Renders plain data as block YAML.
 *
 * @example
 * ```ts
 * import { toYaml } from "./yaml_snippet.ts";
 * const text = toYaml({ paginator: { type: "DefaultPaginator", cursor_value: "{{ response.next }}" }, path: ["data"] });
 * if (text !== 'paginator:\n  type: DefaultPaginator\n  cursor_value: "{{ response.next }}"\npath:\n  - data\n') {
 *   throw new Error(text);
 * }
 * ```
 */
export function toYaml(value: unknown, indent = ""): string {
  if (typeof value !== "object" || value === null) return scalar(value) + "\n";
  const lines: string[] = [];
  emit(value, indent, lines);
  return lines.join("\n") + "\n";
}
