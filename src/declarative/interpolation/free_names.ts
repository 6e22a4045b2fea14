/**
 * Finds the variables a template reads from its context (Jinja's `meta.find_undeclared_variables`), and the
 * filters/tests it uses, so unknown names are reported before rendering as the reference does.
 * @module
 */

import type { Expr, Stmt, Target } from "./ast.ts";

/** Names and filters a template depends on. */
export interface TemplateNames {
  /** Variables read from the context (not set inside the template). */
  free: Set<string>;
  /** Filter names used. */
  filters: Set<string>;
  /** Test names used. */
  tests: Set<string>;
}

function targetNames(t: Target, out: Set<string>): void {
  if (t.k === "name") out.add(t.name);
  else if (t.k === "tuple") { for (const i of t.items) targetNames(i, out); }
}

/**
 * Collects the free variables, filters and tests of a statement list.
 *
 * @example
 * ```ts
 * import { collectNames } from "./free_names.ts";
 * import { parseTemplate } from "./parser.ts";
 * const n = collectNames(parseTemplate("{% set x = 1 %}{{ x + y | int }}").body);
 * if ([...n.free].join() !== "y" || !n.filters.has("int")) throw new Error("bad");
 * ```
 */
export function collectNames(body: Stmt[]): TemplateNames {
  const names: TemplateNames = { free: new Set(), filters: new Set(), tests: new Set() };
  walk(body, new Set(), names);
  return names;
}

function walk(body: Stmt[], declared: Set<string>, n: TemplateNames): void {
  for (const s of body) {
    switch (s.k) {
      case "data":
        break;
      case "output":
        expr(s.expr, declared, n);
        break;
      case "if": {
        // Jinja's idtracking: a name first assigned inside an `if` resolves from the context for the whole
        // frame, so find_undeclared_variables reports it (and Airbyte then requires it in the context).
        const stored = new Set<string>();
        const visit = (body: Stmt[]): void => {
          const d = new Set(declared);
          walk(body, d, n);
          for (const x of d) if (!declared.has(x)) stored.add(x);
        };
        for (const [cond, b] of s.branches) {
          expr(cond, declared, n);
          visit(b);
        }
        if (s.else) visit(s.else);
        for (const x of stored) {
          n.free.add(x);
          declared.add(x);
        }
        break;
      }
      case "for": {
        expr(s.iter, declared, n);
        const inner = new Set(declared);
        targetNames(s.target, inner);
        inner.add("loop");
        if (s.cond) expr(s.cond, inner, n);
        walk(s.body, inner, n);
        if (s.else) walk(s.else, new Set(declared), n);
        break;
      }
      case "set":
        expr(s.expr, declared, n);
        if (s.target.k === "nsref") load(s.target.name, declared, n);
        else targetNames(s.target, declared);
        break;
      case "with": {
        const inner = new Set(declared);
        for (const [t, e] of s.assigns) {
          expr(e, declared, n);
          targetNames(t, inner);
        }
        walk(s.body, inner, n);
        break;
      }
      case "filterblock":
        n.filters.add(s.name);
        for (const a of s.args) expr(a, declared, n);
        for (const [, a] of s.kwargs) expr(a, declared, n);
        walk(s.body, new Set(declared), n);
        break;
      case "macro": {
        declared.add(s.name);
        const inner = new Set(declared);
        for (const [p, d] of s.params) {
          if (d) expr(d, declared, n);
          inner.add(p);
        }
        inner.add("varargs");
        inner.add("kwargs");
        walk(s.body, inner, n);
        break;
      }
      case "setblock":
        walk(s.body, new Set(declared), n);
        if (s.target.k === "nsref") load(s.target.name, declared, n);
        else targetNames(s.target, declared);
        break;
    }
  }
}

function load(name: string, declared: Set<string>, n: TemplateNames): void {
  if (!declared.has(name)) n.free.add(name);
}

function expr(e: Expr, d: Set<string>, n: TemplateNames): void {
  switch (e.k) {
    case "const":
      return;
    case "name":
      return load(e.name, d, n);
    case "getattr":
      return expr(e.obj, d, n);
    case "getitem":
      expr(e.obj, d, n);
      return expr(e.key, d, n);
    case "slice":
      for (const x of [e.obj, e.start, e.stop, e.step]) if (x) expr(x, d, n);
      return;
    case "call":
      expr(e.fn, d, n);
      for (const a of e.args) expr(a, d, n);
      for (const [, a] of e.kwargs) expr(a, d, n);
      return;
    case "filter":
      n.filters.add(e.name);
      expr(e.arg, d, n);
      for (const a of e.args) expr(a, d, n);
      for (const [, a] of e.kwargs) expr(a, d, n);
      return;
    case "test":
      n.tests.add(e.name);
      expr(e.arg, d, n);
      for (const a of e.args) expr(a, d, n);
      return;
    case "bin":
    case "and":
    case "or":
      expr(e.l, d, n);
      return expr(e.r, d, n);
    case "unary":
      return expr(e.x, d, n);
    case "compare":
      expr(e.first, d, n);
      for (const [, x] of e.ops) expr(x, d, n);
      return;
    case "cond":
      expr(e.test, d, n);
      expr(e.then, d, n);
      if (e.else) expr(e.else, d, n);
      return;
    case "list":
    case "tuple":
    case "concat":
      for (const x of e.items) expr(x, d, n);
      return;
    case "dict":
      for (const [k, v] of e.pairs) {
        expr(k, d, n);
        expr(v, d, n);
      }
      return;
  }
}
