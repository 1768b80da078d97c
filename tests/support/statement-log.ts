// A database handle that records every statement the app runs — its text in the dialect and the
// values bound to it — and passes it on unchanged (the tenancy test reads the log).
import { bindings, compile, type Database, type Query, type Sql } from '../../src/db/sql';

export interface LoggedStatement {
  text: string;
  values: unknown[];
}

export function recordingDatabase(inner: Database, log: LoggedStatement[]): Database {
  const note = (query: Query) => {
    const plan = compile(query, inner.dialect);
    log.push({ text: plan.text, values: bindings(query, plan, inner.dialect) });
  };
  const wrap = (handle: Sql): Sql => ({
    dialect: handle.dialect,
    get: (query) => (note(query), handle.get(query)),
    all: (query) => (note(query), handle.all(query)),
    run: (query) => (note(query), handle.run(query)),
    transaction: (fn) => handle.transaction((tx) => fn(wrap(tx))),
  });
  return { ...wrap(inner), reachable: () => inner.reachable(), close: () => inner.close() };
}
