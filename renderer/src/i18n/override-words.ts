import type { z } from 'zod';
import type { Override } from '../../../shared/sync/index.js';
import { translate, type Locale } from './messages.js';
import { statementWords } from './punctuation.js';
import { reasonsWords } from './reason-words.js';

/**
 * A booking's hard-rule override as the order's trail shows it, in the console's language: each rule broken with the
 * engine's reason worded from its data, then the dispatcher's own reason as typed. An override recorded with the
 * reason in English words only names the rule alone in another language (its English stays in the event, for the
 * audit trail and exports) rather than mixing English into the sentence. An engineer a reason names is named as the
 * console names them (`names`, engineerNames).
 */
export function overrideWords(
  override: z.input<typeof Override>,
  locale: Locale,
  names?: ReadonlyMap<string, string>,
): string {
  const rules = override.broken.map((b) => {
    const rule = translate(locale, `rule.${b.rule}`);
    const reason =
      b.say && b.say.length > 0 ? reasonsWords(b.say, locale, undefined, names) : locale === 'en' ? b.reason : null;
    return reason ? translate(locale, 'override.rule', { rule, reason }) : rule;
  });
  const line = translate(locale, 'override.audit', { rules: statementWords(rules, locale) });
  return override.reason ? translate(locale, 'override.typed', { line, reason: override.reason }) : line;
}
