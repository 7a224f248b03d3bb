import { Field, Int, ObjectType } from 'type-graphql';
import { Lead } from './lead.entity.js';
import type { LeadScope } from './lead.service.js';

@ObjectType('PageInfo')
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' }) endCursor!: string | null;
}

@ObjectType('LeadEdge')
export class LeadEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Lead) node!: Lead;
}

@ObjectType('LeadConnection', { description: 'Leads, newest first.' })
export class LeadConnection {
  @Field(() => [LeadEdge]) edges!: LeadEdge[];
  @Field(() => [Lead]) nodes!: Lead[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Leads matching the filter, across all pages; counted only when asked for.' }) totalCount!: number;
  /** The checked filter of the page, for totalCount (counted by the stats module). */
  scope!: LeadScope;
}
