import { AppError } from '../../errors/app-error.js';
import { columnMap, type ColumnMap, type ColumnSchema } from './column-map.js';
import type { ImportRow } from './import-rows.js';

/** What an import did so far (and, at the end, in all). */
export interface ImportSummary {
  /** Rows read (error rows included). */
  rows: number;
  /** Rows stored now. */
  imported: number;
  /** Rows an earlier import (or an earlier row of this one) stored already. */
  existing: number;
  rejected: number;
  /** The first rejected rows, with their line and why (see `maxRejections`). */
  rejections: Array<{ line: number; reason: string }>;
  /** Columns read as nothing. */
  ignoredColumns: string[];
}

export interface ImportOptions {
  /** Told after every batch, and at the end. */
  onProgress?: (summary: ImportSummary) => void;
  /** Told of every rejected row. */
  onRejected?: (line: number, reason: string) => void;
  /** Rejections kept in the summary, default 1000. */
  maxRejections?: number;
  /** Rows per write transaction, default 1000: short enough that a gateway on the same SQLite file never waits long. */
  batchSize?: number;
  /** "Now" for rows without a time, default the start of the import. */
  now?: Date;
}

/** One kind of import: how its rows are read and written. */
export interface RowImporter<T> {
  schema: ColumnSchema;
  mapping: ReadonlyArray<{ target: string; column: string }>;
  /** A row as an item to write; BAD_USER_INPUT rejects the row (the import goes on). */
  prepare(record: Readonly<Record<string, unknown>>, map: ColumnMap, line: number): T | Promise<T>;
  /** Writes a batch in one short transaction; returns how many items were new. */
  write(batch: readonly T[]): Promise<number>;
  /** Completes what the batches left to do. */
  finish?(): Promise<void>;
}

/**
 * Runs an import over streamed rows: maps each row's columns (a mapping that does not fit the
 * first row stops the import), prepares it (a row that cannot be read is rejected with its line
 * and reason, and the import goes on), and writes batches, yielding between them so a gateway
 * sharing the database (or this process) gets its turn.
 */
export async function runRows<T>(
  rows: AsyncIterable<ImportRow>,
  importer: RowImporter<T>,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const maxRejections = options.maxRejections ?? 1000;
  const batchSize = options.batchSize ?? 1000;
  const summary: ImportSummary = { rows: 0, imported: 0, existing: 0, rejected: 0, rejections: [], ignoredColumns: [] };
  const maps = new Map<string, ColumnMap>();
  const mapOf = (record: Record<string, unknown>): ColumnMap => {
    const headers = Object.keys(record);
    const signature = headers.join('\u0000');
    let map = maps.get(signature);
    if (!map) {
      // The first row's columns must have every mapped one; later JSON lines may leave keys out.
      map = columnMap(headers, importer.mapping, maps.size === 0, importer.schema);
      maps.set(signature, map);
      for (const h of map.ignored) if (!summary.ignoredColumns.includes(h)) summary.ignoredColumns.push(h);
    }
    return map;
  };
  const reject = (line: number, reason: string) => {
    summary.rejected++;
    if (summary.rejections.length < maxRejections) summary.rejections.push({ line, reason });
    options.onRejected?.(line, reason);
  };
  let batch: T[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const inserted = await importer.write(batch);
    summary.imported += inserted;
    summary.existing += batch.length - inserted;
    batch = [];
    options.onProgress?.(summary);
    await new Promise((resolve) => setImmediate(resolve));
  };
  for await (const item of rows) {
    summary.rows++;
    if (item.error !== undefined) {
      reject(item.line, item.error);
      continue;
    }
    const map = mapOf(item.record);
    try {
      batch.push(await importer.prepare(item.record, map, item.line));
    } catch (error) {
      if (error instanceof AppError) reject(item.line, error.message);
      else throw error;
    }
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  await importer.finish?.();
  options.onProgress?.(summary);
  return summary;
}
