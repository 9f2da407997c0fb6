// The replay's engineer picker, worked out from the console's cache. Pure: tested in Node.
import { teamLabel } from '../../i18n/domain-labels.js';
import { translate, type Locale } from '../../i18n/messages.js';
import { engineerNames } from '../../i18n/names.js';

/**
 * The picker's choices, by name then team: each engineer with their team beside their name, so two of the same name
 * read apart as under their team's heading on the board (engineerNames, underTeams): by the team, and by the short id
 * too when they share it ("Li Wei (#0051) · Xuhui 2").
 */
export function engineerOptions(
  engineers: Iterable<{ readonly id: string; readonly name: string; readonly team: string }>,
  locale: Locale,
): Array<{ id: string; text: string }> {
  const list = [...engineers];
  const names = engineerNames(list, locale, { underTeams: true });
  return list
    .map((e) => ({ id: e.id, name: names.get(e.id) ?? e.name, team: teamLabel(e.team, locale) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale) || a.team.localeCompare(b.team, locale))
    .map((e) => ({ id: e.id, text: translate(locale, 'replay.engineerOption', { name: e.name, team: e.team }) }));
}
