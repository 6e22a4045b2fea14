/**
 * Syntax tree of a parsed template (internal to the interpolation engine).
 * @module
 */

/** An expression node. `pos` is the source offset used in error messages. */
export type Expr =
  | { k: "const"; v: unknown; pos: number }
  | { k: "name"; name: string; pos: number }
  | { k: "getattr"; obj: Expr; attr: string; pos: number }
  | { k: "getitem"; obj: Expr; key: Expr; pos: number }
  | { k: "slice"; obj: Expr; start?: Expr; stop?: Expr; step?: Expr; pos: number }
  | { k: "call"; fn: Expr; args: Expr[]; kwargs: [string, Expr][]; pos: number }
  | { k: "filter"; name: string; arg: Expr; args: Expr[]; kwargs: [string, Expr][]; pos: number }
  | { k: "test"; name: string; arg: Expr; args: Expr[]; negate: boolean; pos: number }
  | { k: "bin"; op: string; l: Expr; r: Expr; pos: number }
  | { k: "unary"; op: "-" | "+" | "not"; x: Expr; pos: number }
  | { k: "and" | "or"; l: Expr; r: Expr; pos: number }
  | { k: "compare"; first: Expr; ops: [string, Expr][]; pos: number }
  | { k: "cond"; test: Expr; then: Expr; else?: Expr; pos: number }
  | { k: "list" | "tuple"; items: Expr[]; pos: number }
  | { k: "dict"; pairs: [Expr, Expr][]; pos: number }
  | { k: "concat"; items: Expr[]; pos: number };

/** An assignment target in `set` / `for`. */
export type Target =
  | { k: "name"; name: string }
  | { k: "tuple"; items: Target[] }
  | { k: "nsref"; name: string; attr: string };

/** A template statement node. */
export type Stmt =
  | { k: "data"; text: string }
  | { k: "output"; expr: Expr; pos: number }
  | { k: "if"; branches: [Expr, Stmt[]][]; else?: Stmt[]; pos: number }
  | { k: "for"; target: Target; iter: Expr; cond?: Expr; body: Stmt[]; else?: Stmt[]; pos: number }
  | { k: "set"; target: Target; expr: Expr; pos: number }
  | { k: "setblock"; target: Target; body: Stmt[]; pos: number }
  | { k: "with"; assigns: [Target, Expr][]; body: Stmt[]; pos: number }
  | { k: "filterblock"; name: string; args: Expr[]; kwargs: [string, Expr][]; body: Stmt[]; pos: number }
  | { k: "macro"; name: string; params: [string, Expr | undefined][]; body: Stmt[]; pos: number };
