/**
 * Tree-walking evaluator for parsed templates, with Jinja scoping rules and hard limits (steps, output size).
 * Never evaluates JS code and never reads anything but own data properties of plain objects and arrays.
 * @module
 */

import type { Expr, Stmt, Target } from "./ast.ts";
import { callFilter } from "./filters.ts";
import { callTest } from "./jinja_tests.ts";
import { GLOBALS } from "./macros.ts";
import { checkLength, withWorkBudget } from "./limits.ts";
import { getAttr, getItem, slice } from "./lookup.ts";
import { binaryOp, contains, iterate, unaryOp } from "./ops.ts";
import {
  isDict,
  type Kwargs,
  makeTuple,
  ownSet,
  PyCallable,
  pyCompare,
  type PyDict,
  pyEq,
  PyError,
  PyLoop,
  PyNamespace,
  pyStr,
  PyUndefined,
  truthy,
  typeName,
} from "./py_value.ts";

const SELF = new PyNamespace();

/** Injectable services and limits for one render. */
export interface Runtime {
  /** Current time in epoch milliseconds. */
  now: () => number;
  /** UUID v4 generator. */
  uuid: () => string;
  /** Maximum evaluation steps. */
  maxSteps: number;
  /** Maximum output characters. */
  maxOutput: number;
  /** Work budget (see `charge` in limits.ts). */
  maxWork: number;
}

/** Default limits. */
export const DEFAULT_MAX_STEPS = 1_000_000;
/** Default output cap (characters). */
export const DEFAULT_MAX_OUTPUT = 5_000_000;

/** Where a render reads its context variables (a `Map` works). */
export interface VarLookup {
  /** True when the variable exists (even when its value is None). */
  has(name: string): boolean;
  /** The variable's value. */
  get(name: string): unknown;
}

class Scope {
  #vars: Map<string, unknown> | undefined;
  constructor(readonly parent: Scope | null, readonly context: VarLookup | null) {}
  /** Variables set in this scope (created on the first `set`: most renders never set one). */
  get vars(): Map<string, unknown> {
    return this.#vars ??= new Map();
  }
  lookup(name: string): { found: boolean; value?: unknown } {
    if (this.#vars?.has(name)) return { found: true, value: this.#vars.get(name) };
    if (this.context?.has(name)) return { found: true, value: this.context.get(name) };
    return this.parent ? this.parent.lookup(name) : { found: false };
  }
}

/** Renders statements against context variables; throws PyError for template-level errors. */
export function renderBody(body: Stmt[], context: VarLookup, rt: Runtime): string {
  return withWorkBudget(rt.maxWork, () => {
    const ev = new Evaluator(rt);
    const out: string[] = [];
    ev.execBody(body, new Scope(null, context), out);
    return out.join("");
  });
}

class Evaluator {
  private steps = 0;
  private outLen = 0;
  private globals: Map<string, PyCallable> | undefined;
  constructor(private readonly rt: Runtime) {}

  private step(): void {
    if (++this.steps > this.rt.maxSteps) {
      throw new PyError("LimitError", `template exceeded ${this.rt.maxSteps} evaluation steps`);
    }
  }

  private emit(out: string[], s: string): void {
    this.outLen += s.length;
    if (this.outLen > this.rt.maxOutput) {
      throw new PyError("LimitError", `template output exceeds ${this.rt.maxOutput} characters`);
    }
    out.push(s);
  }

  execBody(body: Stmt[], scope: Scope, out: string[]): void {
    for (const s of body) this.exec(s, scope, out);
  }

  private exec(s: Stmt, scope: Scope, out: string[]): void {
    this.step();
    switch (s.k) {
      case "data":
        this.emit(out, s.text);
        return;
      case "output":
        this.emit(out, pyStr(this.eval(s.expr, scope)));
        return;
      case "if": {
        for (const [cond, body] of s.branches) {
          if (truthy(this.eval(cond, scope))) {
            this.execBody(body, scope, out);
            return;
          }
        }
        if (s.else) this.execBody(s.else, scope, out);
        return;
      }
      case "set":
        this.assign(s.target, this.eval(s.expr, scope), scope);
        return;
      case "setblock": {
        const buf: string[] = [];
        this.execBody(s.body, scope, buf);
        this.assign(s.target, buf.join(""), scope);
        return;
      }
      case "for":
        this.execFor(s, scope, out);
        return;
      case "with": {
        const inner = new Scope(scope, null);
        const values = s.assigns.map(([, e]) => this.eval(e, scope));
        s.assigns.forEach(([t], i) => this.assign(t, values[i], inner));
        this.execBody(s.body, inner, out);
        return;
      }
      case "filterblock": {
        const buf: string[] = [];
        this.execBody(s.body, new Scope(scope, null), buf);
        const { args, kwargs } = this.evalArgs(s.args, s.kwargs, scope);
        this.emit(out, pyStr(callFilter(s.name, buf.join(""), args, kwargs, this.rt)));
        return;
      }
      case "macro":
        scope.vars.set(s.name, this.macro(s, scope));
        return;
    }
  }

  private execFor(s: Extract<Stmt, { k: "for" }>, scope: Scope, out: string[]): void {
    let items = [...iterate(this.eval(s.iter, scope))];
    if (s.cond) {
      items = items.filter((item) => {
        const inner = new Scope(scope, null);
        this.assign(s.target, item, inner);
        return truthy(this.eval(s.cond!, inner));
      });
    }
    if (items.length === 0) {
      if (s.else) this.execBody(s.else, scope, out);
      return;
    }
    items.forEach((item, i) => {
      this.step();
      const inner = new Scope(scope, null);
      inner.vars.set("loop", new PyLoop(items, i));
      this.assign(s.target, item, inner);
      this.execBody(s.body, inner, out);
    });
  }

  private macro(s: Extract<Stmt, { k: "macro" }>, scope: Scope): PyCallable {
    return new PyCallable(s.name, (args, kwargs) => {
      if (args.length > s.params.length) {
        throw new PyError(
          "TypeError",
          `macro '${s.name}' takes not more than ${s.params.length} argument(s)`,
        );
      }
      const inner = new Scope(scope, null);
      s.params.forEach(([name, dflt], i) => {
        const v = i < args.length
          ? args[i]
          : kwargs.has(name)
          ? kwargs.get(name)
          : dflt
          ? this.eval(dflt, scope)
          : new PyUndefined(`parameter '${name}' was not provided`);
        inner.vars.set(name, v);
      });
      const extra = [...kwargs.keys()].filter((k) => !s.params.some(([p]) => p === k));
      if (extra.length > 0) {
        throw new PyError("TypeError", `macro '${s.name}' takes no keyword argument '${extra[0]}'`);
      }
      inner.vars.set("varargs", []);
      inner.vars.set("kwargs", {});
      const buf: string[] = [];
      this.execBody(s.body, inner, buf);
      return buf.join("");
    });
  }

  private assign(t: Target, value: unknown, scope: Scope): void {
    if (t.k === "name") {
      scope.vars.set(t.name, value);
      return;
    }
    if (t.k === "nsref") {
      const ns = scope.lookup(t.name).value;
      if (!(ns instanceof PyNamespace)) {
        throw new PyError("TypeError", "cannot assign attribute on non-namespace object");
      }
      ns.attrs.set(t.attr, value);
      return;
    }
    const items = iterate(value);
    if (items.length !== t.items.length) {
      throw new PyError(
        "ValueError",
        items.length > t.items.length
          ? `too many values to unpack (expected ${t.items.length})`
          : `not enough values to unpack (expected ${t.items.length}, got ${items.length})`,
      );
    }
    t.items.forEach((sub, i) => this.assign(sub, items[i], scope));
  }

  private lookupName(name: string, scope: Scope): unknown {
    const r = scope.lookup(name);
    if (r.found) return r.value === undefined ? null : r.value;
    const g = this.global(name);
    if (g) return g;
    if (name === "self") return SELF;
    return new PyUndefined(`'${name}' is undefined`);
  }

  private global(name: string): PyCallable | undefined {
    let g = this.globals?.get(name);
    if (g) return g;
    if (!Object.hasOwn(GLOBALS, name)) return undefined;
    const fn = GLOBALS[name];
    g = new PyCallable(name, (args, kwargs) => fn(args, kwargs, this.rt));
    (this.globals ??= new Map()).set(name, g);
    return g;
  }

  eval(e: Expr, scope: Scope): unknown {
    this.step();
    switch (e.k) {
      case "const":
        return e.v;
      case "name":
        return this.lookupName(e.name, scope);
      case "getattr":
        return getAttr(this.eval(e.obj, scope), e.attr);
      case "getitem":
        return getItem(this.eval(e.obj, scope), this.eval(e.key, scope));
      case "slice":
        return slice(
          this.eval(e.obj, scope),
          e.start ? this.eval(e.start, scope) : null,
          e.stop ? this.eval(e.stop, scope) : null,
          e.step ? this.eval(e.step, scope) : null,
        );
      case "call":
        return this.call(e, scope);
      case "filter": {
        const v = this.eval(e.arg, scope);
        const { args, kwargs } = this.evalArgs(e.args, e.kwargs, scope);
        return callFilter(e.name, v, args, kwargs, this.rt);
      }
      case "test": {
        const v = this.eval(e.arg, scope);
        const args = e.args.map((a) => this.eval(a, scope));
        const r = callTest(e.name, v, args);
        return e.negate ? !r : r;
      }
      case "bin":
        return binaryOp(e.op, this.eval(e.l, scope), this.eval(e.r, scope));
      case "unary": {
        const v = this.eval(e.x, scope);
        return e.op === "not" ? !truthy(v) : unaryOp(e.op, v);
      }
      case "and": {
        const l = this.eval(e.l, scope);
        return truthy(l) ? this.eval(e.r, scope) : l;
      }
      case "or": {
        const l = this.eval(e.l, scope);
        return truthy(l) ? l : this.eval(e.r, scope);
      }
      case "compare": {
        let left = this.eval(e.first, scope);
        for (const [op, rhs] of e.ops) {
          const right = this.eval(rhs, scope);
          if (!compareOp(op, left, right)) return false;
          left = right;
        }
        return true;
      }
      case "cond":
        if (truthy(this.eval(e.test, scope))) return this.eval(e.then, scope);
        return e.else
          ? this.eval(e.else, scope)
          : new PyUndefined("the inline if-expression evaluated to false");
      case "list":
        return e.items.map((x) => this.eval(x, scope));
      case "tuple":
        return makeTuple(e.items.map((x) => this.eval(x, scope)));
      case "dict": {
        const d: PyDict = {};
        for (const [k, v] of e.pairs) {
          const key = this.eval(k, scope);
          if (key !== null && typeof key === "object" || key instanceof PyUndefined) {
            if (key instanceof PyUndefined) key.fail();
            throw new PyError("TypeError", `unhashable type: '${typeName(key)}'`);
          }
          ownSet(d, pyStr(key), this.eval(v, scope));
        }
        return d;
      }
      case "concat": {
        let s = "";
        for (const x of e.items) {
          s += pyStr(this.eval(x, scope));
          checkLength(s.length);
        }
        return s;
      }
    }
  }

  private evalArgs(
    argExprs: Expr[],
    kwExprs: [string, Expr][],
    scope: Scope,
  ): { args: unknown[]; kwargs: Kwargs } {
    const args = argExprs.map((a) => this.eval(a, scope));
    const kwargs: Kwargs = new Map();
    for (const [k, v] of kwExprs) kwargs.set(k, this.eval(v, scope));
    return { args, kwargs };
  }

  private call(e: Extract<Expr, { k: "call" }>, scope: Scope): unknown {
    const fn = this.eval(e.fn, scope);
    const { args, kwargs } = this.evalArgs(e.args, e.kwargs, scope);
    if (fn instanceof PyUndefined) fn.fail();
    if (fn instanceof PyCallable) return fn.fn(args, kwargs);
    if (typeof fn === "function") {
      // Functions can only come from trusted code via the variables object (never from JSON data).
      const kw = kwargs.size > 0 ? [Object.fromEntries(kwargs)] : [];
      const r = (fn as (...a: unknown[]) => unknown)(...args, ...kw);
      return r === undefined ? null : r;
    }
    throw new PyError("TypeError", `'${typeName(fn)}' object is not callable`);
  }
}

function compareOp(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case "==":
      return pyEq(a, b);
    case "!=":
      return !pyEq(a, b);
    case "in":
      return contains(b, a);
    case "notin":
      return !contains(b, a);
    case "<":
      return pyCompare(a, b, op) < 0;
    case "<=":
      return pyCompare(a, b, op) <= 0;
    case ">":
      return pyCompare(a, b, op) > 0;
    case ">=":
      return pyCompare(a, b, op) >= 0;
  }
  return false;
}

/** Re-exported for callers that inspect dict values. */
export { isDict };
