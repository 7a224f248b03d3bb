import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isIdempotent, paginationOf, plugin } from '../codegen/operation-policy.js';

const schema = buildSchema(`
  type Item { id: ID! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type ItemConnection { nodes: [Item!]! pageInfo: PageInfo! }
  type Query {
    all: [Item!]!
    paged("At most 1,000." first: Int! = 50, offset: Int! = 0): [Item!]!
    conn("Page size, at most 500." first: Int, after: String): ItemConnection!
    firstOnly(first: Int!): [Item!]!
    one: Item
  }
  directive @idempotent(inTransaction: Boolean! = false) on FIELD_DEFINITION
  type Mutation { make: Item! @idempotent  submit: Item! @idempotent(inTransaction: true)  poke: Item! }
`);

const op = (source: string) => parse(source).definitions[0] as OperationDefinitionNode;

describe('the operation policy codegen plugin', () => {
  it('reads how each query pages from its arguments, result type and description', () => {
    expect(paginationOf(schema, op('query all { all { id } }'))).toEqual({ kind: 'list' });
    expect(paginationOf(schema, op('query paged($n: Int!, $o: Int!) { paged(first: $n, offset: $o) { id } }'))).toEqual({
      kind: 'offset',
      sizeVariable: 'n',
      offsetVariable: 'o',
      maxPageSize: 1000,
    });
    expect(
      paginationOf(
        schema,
        op(
          'query conn($first: Int, $after: String) { conn(first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }',
        ),
      ),
    ).toEqual({
      kind: 'cursor',
      sizeVariable: 'first',
      cursorVariable: 'after',
      maxPageSize: 500,
    });
    expect(paginationOf(schema, op('query one { one { id } }'))).toBeUndefined();
  });

  it('fails codegen for a query the SDK could not page', () => {
    expect(() => paginationOf(schema, op('query paged { paged(first: 5) { id } }'))).toThrow(
      'operation paged must pass first as a variable',
    );
    expect(() =>
      paginationOf(schema, op('query conn($first: Int, $after: String) { conn(first: $first, after: $after) { nodes { id } } }')),
    ).toThrow('must select nodes and pageInfo { hasNextPage endCursor }');
    expect(() => paginationOf(schema, op('query firstOnly($n: Int!) { firstOnly(first: $n) { id } }'))).toThrow(
      'takes first but no offset or after',
    );
  });

  it('writes the tables sorted by operation name: idempotent mutations, paged queries', () => {
    const document = parse(
      'query b { all { id } } query a { all { id } } mutation submit { submit { id } } mutation poke { poke { id } } mutation make { make { id } }',
    );
    const out = plugin(schema, [{ document }]);
    expect(out).toContain("new Set([\n  'make',\n  'submit',\n]);");
    expect(out).toContain('  a: {"kind":"list"},\n  b: {"kind":"list"},\n} as const;');
  });

  it('reads @idempotent from the mutation field, with or without arguments', () => {
    expect(isIdempotent(schema, op('mutation x { make { id } }'))).toBe(true);
    expect(isIdempotent(schema, op('mutation x { submit { id } }'))).toBe(true);
    expect(isIdempotent(schema, op('mutation x { poke { id } }'))).toBe(false);
  });
});
