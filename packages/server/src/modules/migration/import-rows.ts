import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';

/** The formats an import reads: CSV with a header row, or JSON lines (one object per line). */
export type ImportFormat = 'CSV' | 'JSONL';

/** One row of an import file: values by column, or why the line could not be read. */
export type ImportRow =
  | { line: number; record: Record<string, unknown>; error?: undefined }
  | { line: number; record?: undefined; error: string };

/** `leads.csv` is CSV, `leads.jsonl` or `.ndjson` JSON lines; null when the name does not say. */
export function formatOfName(name: string): ImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'CSV';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'JSONL';
  return null;
}

/**
 * The rows of `input`, streamed (memory does not grow with the file), with the line each comes
 * from. A CSV row with more or fewer values than the header, or a JSON line that is not an
 * object, is an error row; reading goes on. A CSV whose quoting breaks off cannot be read past
 * that point: the iteration throws.
 */
export async function* importRows(input: Readable, format: ImportFormat): AsyncGenerator<ImportRow> {
  if (format === 'JSONL') {
    let line = 0;
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      line++;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        yield { line, error: 'not valid JSON' };
        continue;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) yield { line, error: 'not a JSON object' };
      else yield { line, record: value as Record<string, unknown> };
    }
    return;
  }
  const parser = input.pipe(
    parse({ bom: true, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: false }),
  );
  let headers: string[] | null = null;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (!headers) {
      headers = record.map((h) => h.trim());
      continue;
    }
    if (record.length !== headers.length) {
      yield { line: info.lines, error: `${record.length} values for ${headers.length} columns` };
      continue;
    }
    const row: Record<string, unknown> = Object.create(null);
    for (let i = 0; i < headers.length; i++) row[headers[i]!] = record[i];
    yield { line: info.lines, record: row };
  }
}
