import { OptInLevel, OptInQueue } from './optin-enums.js';

/**
 * The queue's wire strings, shared by both doors. The ones Omeda documents are copied byte for
 * byte (note the two spaces in the summaries); the rest are ours, written in the same style.
 */

/** The element name of a level in a queue's body: `ClientOptIn`, `BrandOptOut`, ... */
export function levelElement(level: OptInLevel, queue: OptInQueue): string {
  const suffix = queue === OptInQueue.OPT_IN ? 'OptIn' : 'OptOut';
  switch (level) {
    case OptInLevel.CLIENT:
      return `Client${suffix}`;
    case OptInLevel.BRAND:
      return `Brand${suffix}`;
    case OptInLevel.DEPLOYMENT_TYPE:
      return `DeploymentType${suffix}`;
  }
}

const noun = (queue: OptInQueue) => (queue === OptInQueue.OPT_IN ? 'OptIns' : 'OptOuts');
const done = (queue: OptInQueue) => (queue === OptInQueue.OPT_IN ? 'opted in' : 'opted out');

/** The reply's `Success` value. */
export const SUCCESS_TEXT = 'Your submission was successful';

/** The last `Error` of every refused submission (Omeda's text, two spaces included). */
export const summaryError = (queue: OptInQueue) =>
  `There were errors with your submission.  None of the ${noun(queue)} submitted in your request were created.`;

/** A listed deployment type that does not exist or whose brand the caller may not use (Omeda's text). */
export const deploymentTypeNotAuthorized = (queue: OptInQueue, typeId: number | string, email: string) =>
  `${levelElement(OptInLevel.DEPLOYMENT_TYPE, queue)} submission (${typeId}): the DeploymentTypeId is not authorized for ${noun(queue)} for the AppId submitted. Email address ${email} was not ${done(queue)}.`;

/** A named brand that does not exist or that the caller may not use (Omeda's text). */
export const brandNotAuthorized = (queue: OptInQueue, brand: string, email: string) =>
  `${levelElement(OptInLevel.BRAND, queue)} submission (${brand}): the BrandId is not authorized for ${noun(queue)} for the AppId submitted. Email address ${email} was not ${done(queue)}.`;

/** A client-level entry when the caller's brands have no active deployment type (Omeda's text). */
export const NO_VALID_BRANDS = 'There are currently no valid brands associated for the client submitted.';

/** An IN not written because the email has an OUT and DeleteOptOut was not 1 (Omeda's text, with the entry's own level). */
export const optOutKept = (level: OptInLevel, email: string, typeId: number) =>
  `${levelElement(level, OptInQueue.OPT_IN)} submission: the DeleteOptOut element was not set to delete OptOuts. Email address ${email} already has an OptOut and it was not Opted In for deployment type id ${typeId}.`;

/** Ours: a brand-level entry naming a brand with no active deployment type, which would write nothing. */
export const brandWithoutTypes = (queue: OptInQueue, brand: string, email: string) =>
  `${levelElement(OptInLevel.BRAND, queue)} submission (${brand}): the BrandId has no active deployment types. Email address ${email} was not ${done(queue)}.`;

/** Ours: an entry whose EmailAddress is not an email address. */
export const invalidEmail = (level: OptInLevel, queue: OptInQueue, email: string) =>
  `${levelElement(level, queue)} submission: the EmailAddress ${email} is not a valid email address. Email address ${email} was not ${done(queue)}.`;

/** Ours: an entry without an EmailAddress; `position` counts from 1 within its element list. */
export const missingEmail = (level: OptInLevel, queue: OptInQueue, position: number) =>
  `${levelElement(level, queue)} submission ${position}: the EmailAddress element is required.`;

/** Ours: an element of a level that is not an object of fields. */
export const notAnEntry = (level: OptInLevel, queue: OptInQueue, position: number) =>
  `${levelElement(level, queue)} submission ${position}: each ${levelElement(level, queue)} element must be an object with an EmailAddress.`;

/** Ours: an entry whose element has the wrong form; `problem` completes "the X element ...". */
export const badElement = (level: OptInLevel, queue: OptInQueue, email: string, problem: string) =>
  `${levelElement(level, queue)} submission: the ${problem}. Email address ${email} was not ${done(queue)}.`;

/** Ours: a body with no entry at any level. */
export const emptySubmission = (queue: OptInQueue) =>
  `The submission must contain at least one ${[OptInLevel.CLIENT, OptInLevel.BRAND, OptInLevel.DEPLOYMENT_TYPE].map((l) => levelElement(l, queue)).join(', ')} element.`;

/** Ours: a submission that would write more ledger rows than one transaction takes. */
export const tooManyChanges = (limit: number) =>
  `The submission would write more than ${limit} filters; split it into smaller submissions.`;

/** Ours: an entry whose EmailAddress is not text. */
export const emailNotText = (level: OptInLevel, queue: OptInQueue, position: number) =>
  `${levelElement(level, queue)} submission ${position}: the EmailAddress element must be text.`;

/** Ours: a DeploymentTypeId that is not a whole number. */
export const deploymentTypeNotNumber = (queue: OptInQueue, shown: string, email: string) =>
  `${levelElement(OptInLevel.DEPLOYMENT_TYPE, queue)} submission (${shown}): the DeploymentTypeId must be a whole number. Email address ${email} was not ${done(queue)}.`;
