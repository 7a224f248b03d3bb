import { DateTimeType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { newId } from '../../shared/ids.js';
import { Account } from '../accounts/account.entity.js';
import { DialerLead } from './dialer-lead.entity.js';
import { DialerList } from './dialer-list.entity.js';
import { HopperStatus } from './hopper-status.js';

/** A lead queued to be dialed next: higher priority first, then oldest first. */
@ObjectType('HopperEntry', { description: 'A lead queued to be dialed next; higher priority first, then oldest first.' })
@Entity({ tableName: 'hopper_entries' })
@Index({ properties: ['list', 'status', 'priority', 'insertedAt'] })
@Index({ properties: ['dialerLead', 'status'] })
export class HopperEntry {
  [OptionalProps]?: 'id' | 'listId' | 'dialerLeadId' | 'status' | 'expiresAt' | 'leftAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 40 })
  id: string = newId('hop');

  @ManyToOne({ entity: () => Account, ref: true, deleteRule: 'cascade' })
  account!: Ref<Account>;

  @ManyToOne({ entity: () => DialerList, ref: true, deleteRule: 'cascade' })
  list!: Ref<DialerList>;

  @Field(() => ID)
  get listId(): number {
    return this.list.id;
  }

  @ManyToOne({ entity: () => DialerLead, ref: true, deleteRule: 'cascade' })
  dialerLead!: Ref<DialerLead>;

  @Field(() => ID)
  get dialerLeadId(): number {
    return this.dialerLead.id;
  }

  @Field(() => Int, { description: '0-99, higher is dialed first (default 99).' })
  @Property({ type: 'integer' })
  priority!: number;

  @Field(() => HopperStatus)
  @Property({ type: 'string', length: 16 })
  status: HopperStatus = HopperStatus.WAITING;

  @Field(() => Date)
  @Property({ type: DateTimeType })
  insertedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it leaves the hopper on its own; null: never.' })
  @Property({ type: DateTimeType, nullable: true })
  expiresAt: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When it was removed or expired.' })
  @Property({ type: DateTimeType, nullable: true })
  leftAt: Date | null = null;
}
