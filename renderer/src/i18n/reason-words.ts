import type { Reason } from '../../../shared/dispatch/index.js';
import { RULES } from '../../../shared/dispatch/index.js';
import { partLabel, skillLabel } from './domain-labels.js';
import { formatDuration } from './format.js';
import { translate, type Locale, type MessageKey } from './messages.js';

/**
 * An engine verdict's reason in the console's language: its reasons as data (`say`) worded from the catalogue, with
 * skill, part and rule ids named and durations written out; the engine's English when it gave no data.
 */
export function reasonWords(verdict: { reason: string; say?: readonly Reason[] | undefined }, locale: Locale): string {
  if (!verdict.say || verdict.say.length === 0) return verdict.reason;
  return verdict.say
    .map((r) => {
      const args: Record<string, string | number> = {};
      for (const [name, value] of Object.entries(r.args)) {
        const v = String(value);
        args[name] =
          name === 'skill'
            ? skillLabel(v, locale)
            : name === 'part'
              ? partLabel(v, locale)
              : name === 'duration'
                ? formatDuration(Number(value) * 60_000, locale)
                : name === 'rule' && v in RULES
                  ? translate(locale, `rule.${v as keyof typeof RULES}`)
                  : value;
      }
      return translate(locale, `reason.${r.id}` as MessageKey, args);
    })
    .join(locale === 'zh-CN' ? '；' : ', ');
}
