import { teamLabel } from './domain-labels.js';
import { translate, type Locale } from './messages.js';

/** Names compared as a dispatcher reads them: the same letters, whatever the case and the spaces around them. */
const sameName = (name: string) => name.trim().toLocaleLowerCase();

/** The short form of an engineer's id a dispatcher can read out: the number of `eng-0017`, else its last 6 characters. */
export function shortId(id: string): string {
  const m = /-([^-]+)$/.exec(id);
  return m ? m[1]! : id.slice(-6);
}

/**
 * The name each engineer is shown by on the board, in the candidate list, the time finder, an order's booking and the
 * conflicts panel: their name, and when another engineer has the same name, their team ("Li Wei (Pudong 2)"), and their
 * short id too when the team does not tell them apart ("Li Wei (Pudong 2, #0017)"). Keyed by engineer id. Under their
 * team's heading (`underTeams`, the board's rows) the team goes without saying: a namesake in the same team is told by
 * the short id alone ("Li Wei (#0017)", "Li Wei（#0017）"), one only in another team not at all.
 */
export function engineerNames(
  engineers: Iterable<{ readonly id: string; readonly name: string; readonly team: string }>,
  locale: Locale,
  { underTeams = false }: { underTeams?: boolean } = {},
): Map<string, string> {
  const byName = new Map<string, { id: string; name: string; team: string }[]>();
  for (const e of engineers) {
    const key = sameName(e.name);
    const list = byName.get(key);
    if (list) list.push(e);
    else byName.set(key, [e]);
  }
  const names = new Map<string, string>();
  for (const list of byName.values()) {
    for (const e of list) {
      if (list.length === 1) {
        names.set(e.id, e.name);
        continue;
      }
      const team = teamLabel(e.team, locale);
      const teamShared = list.some((o) => o !== e && o.team === e.team);
      if (underTeams) {
        names.set(
          e.id,
          teamShared ? translate(locale, 'names.engineerId', { name: e.name, id: shortId(e.id) }) : e.name,
        );
        continue;
      }
      names.set(
        e.id,
        teamShared
          ? translate(locale, 'names.engineerTeamId', { name: e.name, team, id: shortId(e.id) })
          : translate(locale, 'names.engineerTeam', { name: e.name, team }),
      );
    }
  }
  return names;
}

/**
 * The name one engineer is shown by, as engineerNames tells them apart from the others in `engineers` (with its
 * options); their id when they are not among them. For a place that names one engineer: a notice, a heading.
 */
export function engineerName(
  engineers: ReadonlyMap<string, { readonly id: string; readonly name: string; readonly team: string }>,
  id: string,
  locale: Locale,
  options: { underTeams?: boolean } = {},
): string {
  if (!engineers.has(id)) return id;
  return engineerNames(engineers.values(), locale, options).get(id) ?? id;
}

/**
 * A shown name (`label`, from engineerNames) in its two parts: what comes before the bracket that tells a namesake apart
 * (the engineer's `name` and the space after it, "Li Wei "), and that bracket ("(Pudong 2, #0017)", "（浦东2组，#0017）"),
 * which reads as one: a line breaks, or a name is cut, before it and never inside it. `mark` is empty when the label is
 * not the name with a bracket after it (a name alone, an id).
 */
export function nameParts(label: string, name: string): { head: string; mark: string } {
  if (!label.startsWith(name)) return { head: label, mark: '' };
  const mark = label.slice(name.length).trimStart();
  return { head: label.slice(0, label.length - mark.length), mark };
}

/**
 * The name each customer is shown by in search results and the queue: their name, and when another customer has the
 * same name, the last four digits of their phone ("Li Wei (tel. …5678)"), or their id when those are alike too. Keyed by
 * customer id.
 */
export function customerNames(
  customers: Iterable<{ readonly id: string; readonly name: string; readonly phone: string }>,
  locale: Locale,
): Map<string, string> {
  const byName = new Map<string, Map<string, { id: string; name: string; phone: string }>>();
  for (const c of customers) {
    const key = sameName(c.name);
    const known = byName.get(key) ?? new Map<string, { id: string; name: string; phone: string }>();
    byName.set(key, known.set(c.id, c));
  }
  const names = new Map<string, string>();
  const tail = (phone: string) => phone.replace(/\D/g, '').slice(-4);
  for (const known of byName.values()) {
    const list = [...known.values()];
    for (const c of list) {
      if (list.length === 1) {
        names.set(c.id, c.name);
        continue;
      }
      const phoneShared = list.some((o) => o !== c && tail(o.phone) === tail(c.phone));
      names.set(
        c.id,
        phoneShared
          ? translate(locale, 'names.customerId', { name: c.name, id: shortId(c.id) })
          : translate(locale, 'names.customerPhone', { name: c.name, tail: tail(c.phone) }),
      );
    }
  }
  return names;
}
