import type { EntityMetadata, EntityProperty, MetadataStorage } from '@mikro-orm/core';

/** The database engines the gateway runs on. */
export type Engine = 'sqlite' | 'postgresql';

/** How one column's value is written. */
type Conversion = 'date' | 'boolean' | 'json' | 'reference' | 'plain';

interface Column {
  property: string;
  name: string;
  conversion: Conversion;
}

function conversionOf(prop: EntityProperty): Conversion {
  if (prop.kind === 'm:1') return 'reference';
  if (prop.runtimeType === 'Date') return 'date';
  if (prop.runtimeType === 'boolean') return 'boolean';
  if (prop.customType?.constructor.name === 'JsonType' || prop.type === 'json') return 'json';
  return 'plain';
}

/** The properties of an entity that are stored in one column of its own table. */
export function columnsOf(meta: EntityMetadata): Column[] {
  return meta.props
    .filter((prop) => (prop.kind === 'scalar' || prop.kind === 'm:1') && prop.persist !== false && prop.fieldNames?.length === 1)
    .map((prop) => ({ property: prop.name, name: prop.fieldNames[0]!, conversion: conversionOf(prop) }));
}

/**
 * INSERT statements built from the ORM's entity metadata, with values stored the way the ORM
 * stores them on each engine (SQLite: dates as epoch ms and booleans as 0/1; JSON as text on
 * both), so rows written here read back through the ORM unchanged. Only the properties present
 * in the first row are written: callers give complete rows (a test checks the lead's).
 */
export class RowWriter {
  private readonly columns = new Map<string, { table: string; columns: Column[] }>();

  constructor(
    private readonly metadata: MetadataStorage,
    readonly engine: Engine,
  ) {}

  /** The statement and its parameters for `rows` of `entity` (a class name); `returning` names a column to read back. */
  insert(entity: string, rows: ReadonlyArray<Record<string, unknown>>, returning?: string): { sql: string; params: unknown[] } {
    const { table, columns: all } = this.entity(entity);
    const columns = all.filter((c) => c.property in rows[0]!);
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const params: unknown[] = [];
    for (const row of rows) for (const column of columns) params.push(this.value(column.conversion, row[column.property]));
    const sql = `insert into "${table}" (${columns.map((c) => `"${c.name}"`).join(', ')}) values ${rows.map(() => tuple).join(', ')}`
      + (returning ? ` returning "${this.columnName(entity, returning)}"` : '');
    return { sql, params };
  }

  /** The column of `property` of `entity`. */
  columnName(entity: string, property: string): string {
    const column = this.entity(entity).columns.find((c) => c.property === property);
    if (!column) throw new Error(`${entity}.${property} is not a column`);
    return column.name;
  }

  /** The property names of `entity` that have a column (for tests that check a row builder covers them all). */
  propertiesOf(entity: string): string[] {
    return this.entity(entity).columns.map((c) => c.property);
  }

  private entity(name: string): { table: string; columns: Column[] } {
    let found = this.columns.get(name);
    if (!found) {
      const meta = this.metadata.get(name);
      found = { table: meta.tableName, columns: columnsOf(meta) };
      this.columns.set(name, found);
    }
    return found;
  }

  private value(conversion: Conversion, value: unknown): unknown {
    if (value === undefined || value === null) return null;
    switch (conversion) {
      case 'date':
        return this.engine === 'sqlite' ? (value as Date).getTime() : value;
      case 'boolean':
        return this.engine === 'sqlite' ? (value ? 1 : 0) : Boolean(value);
      case 'json':
        return JSON.stringify(value);
      case 'reference':
        // A referenced row by its id, or by an entity or reference that carries it.
        return typeof value === 'object' ? (value as { id: unknown }).id : value;
      default:
        return typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value;
    }
  }
}
