import type { FieldIssue } from '../../../../shared/io/index.js';
import type { Locale, MessageKey } from '../../i18n/messages.js';
import { reasonsWords } from '../../i18n/reason-words.js';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * One import issue in the dispatcher's language: the console's own checks by their code; a rule of the domain's
 * schema by its reason (`say`: zod's checks and the domain's own rules, shared/validation/issues.ts), its message as
 * it stands only when it has none.
 */
export function issueText(t: Translate, issue: FieldIssue, locale: Locale): string {
  if (issue.code === 'schema') return issue.say ? reasonsWords([issue.say], locale) : issue.message;
  return t(`io.issue.${issue.code}` as MessageKey, issue.params);
}
