// The one way to talk to the database: `db.get/all/run(q`…`)` with values in ${…}, on SQLite or
// PostgreSQL alike. A template's strings array is the same object every time its call site runs, so
// it is the cache key: the placeholders are compiled once per dialect, SQLite statements prepared
// once, PostgreSQL statements named (prepared once per connection). Rows come back camelCased.
// Dialect differences are constant fragments (`dialect({ sqlite, pg })`), never text built at run time.

export type Dialect = 'sqlite' | 'pg';

/** A value bound to a placeholder, or a constant fragment the compiler inlines. */
export type SqlValue = string | number | bigint | boolean | null | undefined | Fragment | InList;

/** A piece of SQL text that differs by dialect; it must be a module-level constant at a given position. */
export class Fragment {
  constructor(readonly text: Readonly<Record<Dialect, string>>) {}
}

/** `column ${isIn(values)}`: `IN (SELECT value FROM json_each(?))` on SQLite, `= ANY($n)` on PostgreSQL. */
export class InList {
  constructor(readonly values: readonly (string | number)[]) {}
}

export interface Query {
  readonly strings: TemplateStringsArray;
  readonly values: readonly SqlValue[];
}

export function q(strings: TemplateStringsArray, ...values: SqlValue[]): Query {
  return { strings, values };
}

export function dialect(text: Record<Dialect, string>): Fragment {
  return new Fragment(text);
}

/** The same constant text on both databases (a shared condition several statements use). */
export function fragment(text: string): Fragment {
  return new Fragment({ sqlite: text, pg: text });
}

export function isIn(values: readonly (string | number)[]): InList {
  return new InList(values);
}

/** `FOR UPDATE SKIP LOCKED` where the database has row locks; nothing on SQLite (one writer). */
export const skipLocked = dialect({ sqlite: '', pg: 'FOR UPDATE SKIP LOCKED' });

export type Row = Record<string, unknown>;

export interface RunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

export interface Sql {
  readonly dialect: Dialect;
  get<T = Row>(query: Query): Promise<T | undefined>;
  all<T = Row>(query: Query): Promise<T[]>;
  run(query: Query): Promise<RunResult>;
  /**
   * Run `fn` in one transaction: committed when it resolves, rolled back when it throws. Inside,
   * use only the `tx` it is given: on SQLite the outer handle waits for the transaction to end (for
   * ever, from inside it). Called on a `tx`, it joins the transaction already open.
   */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
}

export interface Database extends Sql {
  /** Whether a trivial query answers (the health check). */
  reachable(): Promise<boolean>;
  close(): Promise<void>;
}

/** Text and parameter order of one call site in one dialect. */
export interface Compiled {
  text: string;
  /** For each placeholder, the index in `values` it takes. */
  slots: number[];
  /** A per-call-site number, used to name PostgreSQL statements. */
  id: number;
}

let nextId = 1;
const compiled: Record<Dialect, WeakMap<TemplateStringsArray, Compiled>> = { sqlite: new WeakMap(), pg: new WeakMap() };

export function compile(query: Query, to: Dialect): Compiled {
  const cached = compiled[to].get(query.strings);
  if (cached) return cached;
  let text = query.strings[0]!;
  const slots: number[] = [];
  query.values.forEach((value, i) => {
    if (value instanceof Fragment) text += value.text[to];
    else {
      slots.push(i);
      const mark = to === 'sqlite' ? '?' : `$${slots.length}`;
      if (value instanceof InList) text += to === 'sqlite' ? `IN (SELECT value FROM json_each(${mark}))` : `= ANY(${mark})`;
      else text += mark;
    }
    text += query.strings[i + 1]!;
  });
  const result = { text, slots, id: nextId++ };
  compiled[to].set(query.strings, result);
  return result;
}

/** The values for the placeholders, converted for the driver. */
export function bindings(query: Query, plan: Compiled, to: Dialect): unknown[] {
  return plan.slots.map((i) => {
    const value = query.values[i];
    if (value instanceof InList) return to === 'sqlite' ? JSON.stringify(value.values) : [...value.values];
    if (value === undefined) return null;
    if (to === 'sqlite' && typeof value === 'boolean') return value ? 1 : 0;
    return value;
  });
}

const camelNames = new Map<string, string>();

function camel(name: string): string {
  let result = camelNames.get(name);
  if (result === undefined) {
    result = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    camelNames.set(name, result);
  }
  return result;
}

/** snake_case column names to camelCase keys. */
export function camelRow<T>(row: Record<string, unknown> | undefined): T | undefined {
  if (!row) return undefined;
  const out: Record<string, unknown> = {};
  for (const key in row) out[camel(key)] = row[key];
  return out as T;
}
