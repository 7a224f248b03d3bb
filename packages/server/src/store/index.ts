import type { EntityManager, MetadataStorage } from '@mikro-orm/core';
import { isSqlite } from '../shared/row-lock.js';
import type { SqlOp } from '../shared/sql-step.js';
import { ormExec } from './orm-exec.js';
import { RowWriter } from './row-writer.js';

export { RowWriter, columnsOf, type Engine } from './row-writer.js';
export { SqliteCheckpointer, type SqliteCheckpointerOptions } from './sqlite-checkpointer.js';
export { SqliteExec, sqliteParams } from './sqlite-exec.js';
export { SqliteWriteGate } from './write-gate.js';
export { ormExec } from './orm-exec.js';

const writers = new WeakMap<MetadataStorage, RowWriter>();

/** The row writer for `em`'s entities and engine (one per ORM). */
export function rowWriterFor(em: EntityManager): RowWriter {
  const metadata = em.getMetadata();
  let writer = writers.get(metadata);
  if (!writer) {
    writer = new RowWriter(metadata, isSqlite(em) ? 'sqlite' : 'postgresql');
    writers.set(metadata, writer);
  }
  return writer;
}

/** Answers steps' SQL on `em`'s connection, in its transaction. */
export const ormExecFor = (em: EntityManager): ((op: SqlOp) => Promise<unknown>) => ormExec(em, rowWriterFor(em));
