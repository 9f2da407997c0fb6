import type { DropVerdict } from '../../services/index.js';
import { formatDuration } from '../../i18n/format.js';
import { translate, type Locale } from '../../i18n/messages.js';
import { reasonWords } from '../../i18n/reason-words.js';
import { costText } from '../../i18n/cost-words.js';

/**
 * The drag card's lines under its title: the rules a drop breaks (or that it keeps them all), then what it changes as
 * the candidate list says it: the driving added, and lateness and overtime in the console's duration wording. The
 * engine's cost figure is not shown: it is a weighted sum a dispatcher cannot read. Engineers a reason names are named
 * as the console names them (`names`, engineerNames).
 */
export function verdictLines(v: DropVerdict, locale: Locale, names?: ReadonlyMap<string, string>): string[] {
  const lines = v.verdicts
    .filter((x) => !x.ok)
    .map((x) => reasonWords({ reason: x.message, say: x.say }, locale, names));
  if (lines.length === 0) lines.push(translate(locale, 'board.feasible'));
  if (v.travelMin !== null)
    lines.push(
      costText(
        {
          travelMin: Math.round(v.travelMin),
          lateMin: Math.round(v.lateMin ?? 0),
          overtimeMin: Math.round(v.overtimeMin ?? 0),
        },
        (key, values) => translate(locale, key, values),
        (ms) => formatDuration(ms, locale),
      ),
    );
  return lines;
}
