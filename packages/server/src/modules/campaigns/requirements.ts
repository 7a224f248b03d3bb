import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConsentRequirement, CustomFieldType, DuplicateKey, LeadRouting, ListMode, RuleKind, Weekday } from './requirement-enums.js';

export { ConsentRequirement, CustomFieldType, DuplicateKey, LeadRouting, ListMode, RuleKind, Weekday };

for (const [enumRef, name, description] of [
  [Weekday, 'Weekday', 'A day of the week.'],
  [
    LeadRouting,
    'LeadRouting',
    'NONE: accepted leads stay with the owner. BUYERS: they are sold at once to the best eligible buyers, or held as PENDING.',
  ],
  [ListMode, 'ListMode', 'Include-list or exclude-list.'],
  [ConsentRequirement, 'ConsentRequirement', 'Which consent proof a campaign demands.'],
  [DuplicateKey, 'DuplicateKey', 'A lead field that takes part in duplicate detection.'],
  [RuleKind, 'RuleKind', 'CONDITION: the lead must satisfy it. FILTER: a lead that matches it is rejected.'],
  [CustomFieldType, 'CustomFieldType', 'The type of a campaign custom field; URL fields are checked for format.'],
] as const) {
  registerEnumType(enumRef, { name, description });
}

/** A weekly window in the campaign's time zone; `end` before `start` runs past midnight. */
@ObjectType('ScheduleWindow')
@InputType('ScheduleWindowInput')
export class ScheduleWindow {
  @Field(() => [Weekday], { description: 'Days the window opens on.' })
  days!: Weekday[];

  @Field(() => String, { description: 'Local opening time, HH:MM (24-hour).' })
  start!: string;

  @Field(() => String, { description: 'Local closing time, HH:MM, exclusive; 24:00 for midnight.' })
  end!: string;
}

@ObjectType('StateTargeting')
@InputType('StateTargetingInput')
export class StateTargeting {
  @Field(() => ListMode)
  mode!: ListMode;

  @Field(() => [String], { description: '2-letter state codes.' })
  states!: string[];
}

@ObjectType('CustomField')
@InputType('CustomFieldInput')
export class CustomField {
  @Field(() => String)
  name!: string;

  @Field(() => CustomFieldType)
  type!: CustomFieldType;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

/** Lead caps per calendar period in the campaign's time zone; null is no cap. */
@ObjectType('Caps')
@InputType('CapsInput')
export class Caps {
  @Field(() => Int, { nullable: true }) daily?: number | null;
  @Field(() => Int, { nullable: true }) weekly?: number | null;
  @Field(() => Int, { nullable: true }) monthly?: number | null;
  @Field(() => Int, { nullable: true }) total?: number | null;
}

/** Duplicate detection: which keys, within how many days. */
@ObjectType('DuplicateCheck')
@InputType('DuplicateCheckInput')
export class DuplicateCheck {
  @Field(() => [DuplicateKey], { description: 'Keys compared; empty turns duplicate detection off.' })
  keys!: DuplicateKey[];

  @Field(() => Int, { description: 'Window in days (1-3650).' })
  windowDays!: number;
}
