/**
 * Recursive-descent parser for the Jinja2 subset (same precedence rules as Jinja's own parser: filters and
 * tests bind tighter than arithmetic, `**` binds looser than unary minus).
 * @module
 */

import type { Expr, Stmt, Target } from "./ast.ts";
import { syntaxError, type Token, tokenize } from "./lexer.ts";
import { mkFloat, PyFloat } from "./py_value.ts";

const MAX_NESTING = 100;
const CONSTANTS: Record<string, unknown> = {
  true: true,
  True: true,
  false: false,
  False: false,
  none: null,
  None: null,
};

/** Result of parsing a template. */
export interface ParsedTemplate {
  /** Top-level statements. */
  body: Stmt[];
  /** True when the template contains no tags (plain text). */
  isStatic: boolean;
}

/**
 * Parses template source into statements. Throws SpoutError("template_error") on syntax errors.
 *
 * @example
 * ```ts
 * import { parseTemplate } from "./parser.ts";
 * const t = parseTemplate("{{ a + 1 }}");
 * if (t.body[0].k !== "output" || t.isStatic) throw new Error("unexpected");
 * ```
 */
export function parseTemplate(source: string): ParsedTemplate {
  const p = new Parser(source, tokenize(source));
  const body = p.parseBody([]);
  return { body, isStatic: body.every((s) => s.k === "data") };
}

function isNumberConst(e: Expr): boolean {
  if (e.k === "unary" && e.op !== "not") return isNumberConst(e.x);
  return e.k === "const" && (typeof e.v === "number" || e.v instanceof PyFloat);
}

/** Expressions Jinja's optimizer folds to a constant (arithmetic on literals). */
function isConstant(e: Expr): boolean {
  if (e.k === "const") return true;
  if (e.k === "unary") return isConstant(e.x);
  if (e.k === "bin") return isConstant(e.l) && isConstant(e.r);
  return false;
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly source: string, private readonly tokens: Token[]) {}

  private get cur(): Token {
    return this.tokens[this.i];
  }
  private peek(n = 1): Token {
    return this.tokens[Math.min(this.i + n, this.tokens.length - 1)];
  }
  private fail(message: string, tok: Token = this.cur): never {
    return syntaxError(this.source, tok.pos, message);
  }
  private describe(tok: Token): string {
    if (tok.type === "eof") return "end of template";
    if (tok.type === "var_end") return "end of print statement";
    if (tok.type === "block_end") return "end of statement block";
    return `'${tok.value}'`;
  }
  private isOp(v: string, tok: Token = this.cur): boolean {
    return tok.type === "op" && tok.value === v;
  }
  private isName(v: string, tok: Token = this.cur): boolean {
    return tok.type === "name" && tok.value === v;
  }
  private expectOp(v: string): Token {
    if (!this.isOp(v)) this.fail(`expected '${v}', got ${this.describe(this.cur)}`);
    return this.tokens[this.i++];
  }
  private expectName(): string {
    if (this.cur.type !== "name") this.fail(`expected a name, got ${this.describe(this.cur)}`);
    return this.tokens[this.i++].value;
  }
  private skipOp(v: string): boolean {
    if (this.isOp(v)) {
      this.i++;
      return true;
    }
    return false;
  }
  private skipName(v: string): boolean {
    if (this.isName(v)) {
      this.i++;
      return true;
    }
    return false;
  }
  private enter(): void {
    if (++this.depth > MAX_NESTING) this.fail("template nesting is too deep");
  }

  /** Parses statements until one of `endTags` (a block tag name) is found; leaves the cursor on that name. */
  parseBody(endTags: string[]): Stmt[] {
    const out: Stmt[] = [];
    for (;;) {
      const t = this.cur;
      if (t.type === "eof") {
        if (endTags.length > 0) this.fail(`unexpected end of template, expected '${endTags.join("' or '")}'`);
        return out;
      }
      if (t.type === "data") {
        out.push({ k: "data", text: t.value });
        this.i++;
      } else if (t.type === "var_begin") {
        this.i++;
        const expr = this.parseTuple(true);
        if (this.cur.type !== "var_end") {
          this.fail(`expected end of print statement, got ${this.describe(this.cur)}`);
        }
        this.i++;
        out.push({ k: "output", expr, pos: t.pos });
      } else if (t.type === "block_begin") {
        const nameTok = this.peek();
        if (nameTok.type !== "name") this.fail("tag name expected", nameTok);
        if (endTags.includes(nameTok.value)) {
          this.i++;
          return out;
        }
        this.i += 2;
        this.enter();
        out.push(this.parseStatement(nameTok));
        this.depth--;
      } else {
        this.fail(`unexpected ${this.describe(t)}`);
      }
    }
  }

  private endBlock(): void {
    this.skipOp(":");
    if (this.cur.type !== "block_end") {
      this.fail(`expected end of statement block, got ${this.describe(this.cur)}`);
    }
    this.i++;
  }

  private parseStatement(tag: Token): Stmt {
    switch (tag.value) {
      case "if": {
        const branches: [Expr, Stmt[]][] = [];
        let cond = this.parseTuple(false);
        let elseBody: Stmt[] | undefined;
        for (;;) {
          this.endBlock();
          const body = this.parseBody(["elif", "else", "endif"]);
          branches.push([cond, body]);
          const which = this.expectName();
          if (which === "elif") {
            cond = this.parseTuple(false);
            continue;
          }
          if (which === "else") {
            this.endBlock();
            elseBody = this.parseBody(["endif"]);
            this.expectName();
          }
          this.endBlock();
          break;
        }
        return { k: "if", branches, else: elseBody, pos: tag.pos };
      }
      case "for": {
        const target = this.parseAssignTarget(false);
        if (!this.skipName("in")) this.fail(`expected 'in', got ${this.describe(this.cur)}`);
        const iter = this.parseTuple(false, true);
        let cond: Expr | undefined;
        if (this.skipName("if")) cond = this.parseExpression();
        if (this.isName("recursive")) this.fail("recursive loops are not supported");
        this.endBlock();
        const body = this.parseBody(["endfor", "else"]);
        let elseBody: Stmt[] | undefined;
        if (this.expectName() === "else") {
          this.endBlock();
          elseBody = this.parseBody(["endfor"]);
          this.expectName();
        }
        this.endBlock();
        return { k: "for", target, iter, cond, body, else: elseBody, pos: tag.pos };
      }
      case "set": {
        const target = this.parseAssignTarget(true);
        if (this.skipOp("=")) {
          const expr = this.parseTuple(false);
          this.endBlock();
          return { k: "set", target, expr, pos: tag.pos };
        }
        this.endBlock();
        const body = this.parseBody(["endset"]);
        this.expectName();
        this.endBlock();
        return { k: "setblock", target, body, pos: tag.pos };
      }
      case "with": {
        const assigns: [Target, Expr][] = [];
        while (this.cur.type !== "block_end") {
          if (assigns.length > 0) this.expectOp(",");
          const target = this.parseAssignTarget(false);
          this.expectOp("=");
          assigns.push([target, this.parseExpression()]);
        }
        this.endBlock();
        const body = this.parseBody(["endwith"]);
        this.expectName();
        this.endBlock();
        return { k: "with", assigns, body, pos: tag.pos };
      }
      case "filter": {
        const name = this.expectName();
        const { args, kwargs } = this.isOp("(") ? this.parseArgs() : { args: [], kwargs: [] };
        this.endBlock();
        const body = this.parseBody(["endfilter"]);
        this.expectName();
        this.endBlock();
        return { k: "filterblock", name, args, kwargs, body, pos: tag.pos };
      }
      case "macro": {
        const name = this.expectName();
        this.expectOp("(");
        const params: [string, Expr | undefined][] = [];
        while (!this.isOp(")")) {
          if (params.length > 0) this.expectOp(",");
          const p = this.expectName();
          params.push([p, this.skipOp("=") ? this.parseExpression() : undefined]);
        }
        this.expectOp(")");
        this.endBlock();
        const body = this.parseBody(["endmacro"]);
        this.expectName();
        this.endBlock();
        return { k: "macro", name, params, body, pos: tag.pos };
      }
      default:
        return this.fail(`encountered unknown tag '${tag.value}'`, tag);
    }
  }

  private parseAssignTarget(allowNs: boolean): Target {
    const one = (): Target => {
      const name = this.expectName();
      if (allowNs && this.skipOp(".")) return { k: "nsref", name, attr: this.expectName() };
      if (Object.hasOwn(CONSTANTS, name)) this.fail(`can't assign to '${name}'`);
      return { k: "name", name };
    };
    const paren = this.skipOp("(");
    const items = [one()];
    while (this.skipOp(",")) {
      if (this.cur.type !== "name") break;
      items.push(one());
    }
    if (paren) this.expectOp(")");
    return items.length === 1 && !paren ? items[0] : { k: "tuple", items };
  }

  /** Expression list possibly forming an implicit tuple (as in `{{ a, b }}`). */
  private parseTuple(allowEmpty: boolean, noCondExpr = false): Expr {
    const pos = this.cur.pos;
    const items: Expr[] = [];
    let comma = false;
    for (;;) {
      if (items.length > 0 && !this.skipOp(",")) break;
      if (items.length > 0) comma = true;
      if (this.isTupleEnd()) break;
      items.push(noCondExpr ? this.parseOr() : this.parseExpression());
    }
    if (items.length === 0) {
      if (!allowEmpty) this.fail(`expected an expression, got ${this.describe(this.cur)}`);
      this.fail(`expected an expression, got ${this.describe(this.cur)}`);
    }
    if (!comma && items.length === 1) return items[0];
    return { k: "tuple", items, pos };
  }

  private isTupleEnd(): boolean {
    const t = this.cur;
    if (t.type === "var_end" || t.type === "block_end" || t.type === "eof") return true;
    if (t.type === "op" && (t.value === ")" || t.value === "]" || t.value === "}" || t.value === ":")) {
      return true;
    }
    return t.type === "name" && (t.value === "if" || t.value === "in" || t.value === "recursive");
  }

  parseExpression(): Expr {
    this.enter();
    const pos = this.cur.pos;
    let expr = this.parseOr();
    while (this.skipName("if")) {
      const test = this.parseOr();
      const otherwise = this.skipName("else") ? this.parseExpression() : undefined;
      expr = { k: "cond", test, then: expr, else: otherwise, pos };
    }
    this.depth--;
    return expr;
  }

  private parseOr(): Expr {
    let l = this.parseAnd();
    while (this.isName("or")) {
      const pos = this.cur.pos;
      this.i++;
      l = { k: "or", l, r: this.parseAnd(), pos };
    }
    return l;
  }

  private parseAnd(): Expr {
    let l = this.parseNot();
    while (this.isName("and")) {
      const pos = this.cur.pos;
      this.i++;
      l = { k: "and", l, r: this.parseNot(), pos };
    }
    return l;
  }

  private parseNot(): Expr {
    if (this.isName("not")) {
      const pos = this.cur.pos;
      this.i++;
      this.enter();
      const x = this.parseNot();
      this.depth--;
      return { k: "unary", op: "not", x, pos };
    }
    return this.parseCompare();
  }

  private parseCompare(): Expr {
    const pos = this.cur.pos;
    const first = this.parseMath1();
    const ops: [string, Expr][] = [];
    for (;;) {
      const t = this.cur;
      if (t.type === "op" && ["==", "!=", "<", "<=", ">", ">="].includes(t.value)) {
        this.i++;
        ops.push([t.value, this.parseMath1()]);
      } else if (this.isName("in")) {
        this.i++;
        ops.push(["in", this.parseMath1()]);
      } else if (this.isName("not") && this.isName("in", this.peek())) {
        this.i += 2;
        ops.push(["notin", this.parseMath1()]);
      } else break;
    }
    return ops.length === 0 ? first : { k: "compare", first, ops, pos };
  }

  private parseMath1(): Expr {
    let l = this.parseConcat();
    while (this.isOp("+") || this.isOp("-")) {
      const t = this.tokens[this.i++];
      l = { k: "bin", op: t.value, l, r: this.parseConcat(), pos: t.pos };
    }
    return l;
  }

  private parseConcat(): Expr {
    const pos = this.cur.pos;
    const items = [this.parseMath2()];
    while (this.skipOp("~")) items.push(this.parseMath2());
    return items.length === 1 ? items[0] : { k: "concat", items, pos };
  }

  private parseMath2(): Expr {
    let l = this.parsePow();
    while (this.isOp("*") || this.isOp("/") || this.isOp("//") || this.isOp("%")) {
      const t = this.tokens[this.i++];
      l = { k: "bin", op: t.value, l, r: this.parsePow(), pos: t.pos };
    }
    return l;
  }

  private parsePow(): Expr {
    let l = this.parseUnary(true);
    while (this.isOp("**")) {
      const t = this.tokens[this.i++];
      const r = this.parseUnary(true);
      // Jinja folds `-2` into a constant and prints it unparenthesised into Python code, so `-2 ** n`
      // means -(2 ** n) unless the whole expression is constant (then it folds to (-2) ** n).
      if (l.k === "unary" && l.op === "-" && isNumberConst(l.x) && !isConstant(r)) {
        l = { k: "unary", op: "-", x: { k: "bin", op: "**", l: l.x, r, pos: t.pos }, pos: l.pos };
      } else {
        l = { k: "bin", op: "**", l, r, pos: t.pos };
      }
    }
    return l;
  }

  private parseUnary(withFilter: boolean): Expr {
    const t = this.cur;
    let node: Expr;
    if (this.isOp("-") || this.isOp("+")) {
      this.i++;
      this.enter();
      node = { k: "unary", op: t.value as "-" | "+", x: this.parseUnary(false), pos: t.pos };
      this.depth--;
    } else {
      node = this.parsePostfix(this.parsePrimary());
    }
    return withFilter ? this.parseFilterExpr(node) : node;
  }

  private parsePrimary(): Expr {
    const t = this.cur;
    if (t.type === "name") {
      this.i++;
      if (Object.hasOwn(CONSTANTS, t.value)) return { k: "const", v: CONSTANTS[t.value], pos: t.pos };
      return { k: "name", name: t.value, pos: t.pos };
    }
    if (t.type === "string") {
      let v = t.value;
      this.i++;
      while (this.cur.type === "string") v += this.tokens[this.i++].value;
      return { k: "const", v, pos: t.pos };
    }
    if (t.type === "int" || t.type === "float") {
      this.i++;
      return { k: "const", v: t.type === "float" ? mkFloat(t.num!) : t.num, pos: t.pos };
    }
    if (this.isOp("(")) {
      this.i++;
      this.enter();
      if (this.skipOp(")")) {
        this.depth--;
        return { k: "tuple", items: [], pos: t.pos };
      }
      const inner = this.parseTuple(false);
      this.expectOp(")");
      this.depth--;
      return inner;
    }
    if (this.isOp("[")) {
      this.i++;
      this.enter();
      const items: Expr[] = [];
      while (!this.isOp("]")) {
        if (items.length > 0) {
          this.expectOp(",");
          if (this.isOp("]")) break;
        }
        items.push(this.parseExpression());
      }
      this.expectOp("]");
      this.depth--;
      return { k: "list", items, pos: t.pos };
    }
    if (this.isOp("{")) {
      this.i++;
      this.enter();
      const pairs: [Expr, Expr][] = [];
      while (!this.isOp("}")) {
        if (pairs.length > 0) {
          this.expectOp(",");
          if (this.isOp("}")) break;
        }
        const key = this.parseExpression();
        this.expectOp(":");
        pairs.push([key, this.parseExpression()]);
      }
      this.expectOp("}");
      this.depth--;
      return { k: "dict", pairs, pos: t.pos };
    }
    return this.fail(`unexpected ${this.describe(t)}`);
  }

  private parsePostfix(node: Expr): Expr {
    let n = node;
    for (;;) {
      const t = this.cur;
      if (this.isOp(".")) {
        this.i++;
        const a = this.cur;
        if (a.type === "name") {
          this.i++;
          n = { k: "getattr", obj: n, attr: a.value, pos: t.pos };
        } else if (a.type === "int") {
          this.i++;
          n = { k: "getitem", obj: n, key: { k: "const", v: a.num, pos: a.pos }, pos: t.pos };
        } else this.fail("expected name or number after '.'", a);
      } else if (this.isOp("[")) {
        this.i++;
        n = this.parseSubscript(n, t.pos);
      } else if (this.isOp("(")) {
        n = this.parseCall(n);
      } else return n;
    }
  }

  private parseSubscript(obj: Expr, pos: number): Expr {
    const part = ():
      | Expr
      | undefined => (this.isOp(":") || this.isOp("]") ? undefined : this.parseExpression());
    const start = part();
    if (!this.isOp(":")) {
      if (!start) this.fail("expected a subscript");
      const keys = [start];
      while (this.skipOp(",")) {
        if (this.isOp("]")) break;
        keys.push(this.parseExpression());
      }
      this.expectOp("]");
      return { k: "getitem", obj, key: keys.length === 1 ? start : { k: "tuple", items: keys, pos }, pos };
    }
    this.i++;
    const stop = part();
    let step: Expr | undefined;
    if (this.skipOp(":")) step = part();
    this.expectOp("]");
    return { k: "slice", obj, start, stop, step, pos };
  }

  private parseArgs(): { args: Expr[]; kwargs: [string, Expr][] } {
    this.expectOp("(");
    this.enter();
    const args: Expr[] = [];
    const kwargs: [string, Expr][] = [];
    while (!this.isOp(")")) {
      if (args.length + kwargs.length > 0) {
        this.expectOp(",");
        if (this.isOp(")")) break;
      }
      if (this.isOp("*") || this.isOp("**")) this.fail("*args and **kwargs are not supported");
      if (this.cur.type === "name" && this.isOp("=", this.peek())) {
        const key = this.expectName();
        this.i++;
        kwargs.push([key, this.parseExpression()]);
      } else {
        if (kwargs.length > 0) this.fail("positional argument follows keyword argument");
        args.push(this.parseExpression());
      }
    }
    this.expectOp(")");
    this.depth--;
    return { args, kwargs };
  }

  private parseCall(fn: Expr): Expr {
    const pos = this.cur.pos;
    const { args, kwargs } = this.parseArgs();
    return { k: "call", fn, args, kwargs, pos };
  }

  private parseFilterExpr(node: Expr): Expr {
    let n = node;
    for (;;) {
      if (this.isOp("|")) {
        const pos = this.cur.pos;
        this.i++;
        let name = this.expectName();
        while (this.skipOp(".")) name += "." + this.expectName();
        const { args, kwargs } = this.isOp("(") ? this.parseArgs() : { args: [], kwargs: [] };
        n = { k: "filter", name, arg: n, args, kwargs, pos };
      } else if (this.isName("is")) {
        const pos = this.cur.pos;
        this.i++;
        const negate = this.skipName("not");
        let name = this.expectName();
        while (this.skipOp(".")) name += "." + this.expectName();
        let args: Expr[] = [];
        if (this.isOp("(")) {
          const parsed = this.parseArgs();
          args = parsed.args;
        } else if (this.startsTestArg()) {
          args = [this.parsePostfix(this.parsePrimary())];
        }
        n = { k: "test", name, arg: n, args, negate, pos };
      } else if (this.isOp("(")) {
        n = this.parseCall(n);
      } else return n;
    }
  }

  private startsTestArg(): boolean {
    const t = this.cur;
    if (t.type === "string" || t.type === "int" || t.type === "float") return true;
    if (t.type === "op") return t.value === "[" || t.value === "{" || t.value === "-";
    return t.type === "name" && !["else", "or", "and", "if", "in", "not", "is"].includes(t.value);
  }
}
