import type { FieldIssue } from '../../../../shared/io/index.js';
import type { MessageKey } from '../../i18n/messages.js';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * One import issue in the dispatcher's language: the console's own checks by their code; a rule of the domain's schema
 * by its message as it stands (zod's own wording follows the console's language, see `useZodLocale`).
 */
export function issueText(t: Translate, issue: FieldIssue): string {
  if (issue.code === 'schema') return issue.message;
  return t(`io.issue.${issue.code}` as MessageKey, issue.params);
}
