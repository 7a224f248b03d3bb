import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

/** The file formats imports read. */
export enum ImportFileFormat {
  CSV = 'CSV',
  JSONL = 'JSONL',
}

registerEnumType(ImportFileFormat, {
  name: 'ImportFileFormat',
  description: 'CSV with a header row, or JSON lines (one object per line).',
});

@InputType('ImportColumnInput', { description: 'Read a column of the file as a field.' })
export class ImportColumnInput {
  @Field(() => String, {
    description:
      'The field: a standard lead field (first, email, phone, ...), receivedAt, status, price, key, campaignId, sourceId, or extra.<custom field>.',
  })
  field!: string;

  @Field(() => String, { description: 'The column, by its header (JSON lines: its key).' })
  column!: string;
}

@InputType('ImportLeadsInput', {
  description: 'Past leads to import: a small file (the request is at most 1 MB; use `leadgate import leads` for big ones).',
})
export class ImportLeadsInput {
  @Field(() => ID, { description: 'The campaign of rows that name none.' })
  campaignId!: string;

  @Field(() => ID, { nullable: true, description: 'The source of rows that name none; default the account\'s "Imported history" source.' })
  sourceId?: string | null;

  @Field(() => ImportFileFormat)
  format!: ImportFileFormat;

  @Field(() => String, { description: "The file's text." })
  content!: string;

  @Field(() => [ImportColumnInput], {
    nullable: true,
    description: 'Columns to read as these fields; the others are read by their names (first_name, email, created_at, ...).',
  })
  mapping?: ImportColumnInput[] | null;
}

@InputType('ImportFileInput', {
  description:
    'A small file of DNC numbers or opt-in states for an account (the request is at most 1 MB; use `leadgate import` for big ones).',
})
export class ImportFileInput {
  @Field(() => ID, { nullable: true, description: 'Required with the platform key; an account key uses its own account.' })
  accountId?: string | null;

  @Field(() => ImportFileFormat)
  format!: ImportFileFormat;

  @Field(() => String, { description: "The file's text." })
  content!: string;

  @Field(() => [ImportColumnInput], { nullable: true, description: 'Columns to read as these fields; the others are read by their names.' })
  mapping?: ImportColumnInput[] | null;
}

@ObjectType('ImportRejection', { description: 'A row an import left out, and why.' })
export class ImportRejection {
  @Field(() => Int, { description: "Its line in the file (1 is the first; a CSV's header is line 1)." })
  line!: number;

  @Field(() => String)
  reason!: string;
}

@ObjectType('ImportResult', { description: 'What an import did.' })
export class ImportResult {
  @Field(() => Int, { description: 'Rows read.' })
  rows!: number;

  @Field(() => Int, { description: 'Rows stored now.' })
  imported!: number;

  @Field(() => Int, { description: 'Rows already stored by an earlier import (imports are idempotent).' })
  existing!: number;

  @Field(() => Int)
  rejected!: number;

  @Field(() => [ImportRejection], { description: 'The first 1000 rejected rows.' })
  rejections!: ImportRejection[];

  @Field(() => [String], { description: 'Columns read as nothing.' })
  ignoredColumns!: string[];
}
