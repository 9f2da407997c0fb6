// What each event of an order's trail says beside its kind, in the console's language.
import type { Actor, OrderEvent } from '../../../../shared/domain/index.js';
import { ProposalKind } from '../../../../shared/sync/index.js';
import { actorLabel } from '../../i18n/domain-labels.js';
import { formatTime } from '../../i18n/format.js';
import type { MessageKey } from '../../i18n/messages.js';
import { customerMessageOf } from './CustomerMessages.js';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The engine's proposal a booking change was accepted from, read through its schema (events are data from anywhere). */
function proposalOf(e: Pick<OrderEvent, 'kind' | 'data'>): ProposalKind | null {
  if (e.kind !== 'assigned' && e.kind !== 'moved' && e.kind !== 'unassigned') return null;
  const parsed = ProposalKind.safeParse((e.data as Record<string, unknown>).proposal);
  return parsed.success ? parsed.data : null;
}

const FROM_PROPOSAL = {
  assigned: 'event.proposalAssigned',
  moved: 'event.proposalMoved',
  unassigned: 'event.proposalUnassigned',
} as const;

/**
 * What an event of the trail did: its kind ("Moved"), or for a booking change accepted from one of the engine's
 * proposals, that proposal's ("Auto-dispatch: moved"), so the engine's plan does not read as the dispatcher's own move.
 */
export function eventWhat(e: Pick<OrderEvent, 'kind' | 'data'>, t: Translate): string {
  const proposal = proposalOf(e);
  if (proposal && (e.kind === 'assigned' || e.kind === 'moved' || e.kind === 'unassigned'))
    return t(FROM_PROPOSAL[e.kind], { proposal: t(`proposal.${proposal}`) });
  return t(`event.${e.kind}` as MessageKey);
}

/** Who did it: the actor, or for a change accepted from a proposal, the dispatcher who accepted it ("accepted by …"). */
export function eventWho(e: Pick<OrderEvent, 'kind' | 'data'> & { actor: Actor }, t: Translate): string {
  const who = actorLabel(e.actor, t);
  return proposalOf(e) ? t('event.acceptedBy', { name: who }) : who;
}

/**
 * The detail of a trail event: who and when for a booking (the engineer by the name the console shows them by,
 * `names`: a namesake with their team), the statuses of a change, the note, the message the customer was sent (its
 * channel, whether it went and its text, punctuated as the language is: "Outbox · Sent: …", "发件箱 · 已发送：…").
 */
export function describeEvent(
  e: OrderEvent,
  t: Translate,
  names: ReadonlyMap<string, string>,
  locale: 'en' | 'zh-CN',
  timeZone: string,
): string {
  const d = e.data as Record<string, unknown>;
  const who = (id: unknown) => (typeof id === 'string' ? (names.get(id) ?? id) : '');
  const at = (v: unknown) => (typeof v === 'number' ? formatTime(v, locale, timeZone) : '');
  switch (e.kind) {
    case 'assigned':
      return `${who(d.engineerId)} ${at(d.start)}`;
    case 'moved':
      return `${who(d.fromEngineerId)} ${at(d.fromStart)} → ${who(d.engineerId)} ${at(d.start)}`;
    case 'status_changed':
      return `${t(`status.${String(d.from)}` as MessageKey)} → ${t(`status.${String(d.to)}` as MessageKey)}`;
    case 'note_added':
      return String(d.text ?? '');
    case 'cancelled':
      return String(d.reason ?? '');
    case 'revisit_created':
      return String(d.code ?? '');
    case 'customer_notified': {
      const m = customerMessageOf(e);
      return m
        ? t('event.notifiedDetail', {
            channel: t(`notify.channel.${m.channel}`),
            state: t(`notify.state.${m.state}`),
            body: m.body,
          })
        : '';
    }
    case 'report_submitted':
      return d.signed === false ? t('report.unsigned') : '';
    case 'jeopardy':
    case 'escalated':
      return `${d.deadline === 'respond' ? t('sla.respond') : d.deadline === 'resolve' ? t('sla.resolve') : ''} ${at(d.dueAt)}`;
    default:
      return '';
  }
}

/**
 * What a booking change did to the override mark (a booking made against a rule on purpose): took it off, or put the
 * booking back with it (an undo); null when neither.
 */
export function overrideMarkWords(e: Pick<OrderEvent, 'kind' | 'data'>, t: Translate): string | null {
  if (e.kind !== 'assigned' && e.kind !== 'moved' && e.kind !== 'unassigned' && e.kind !== 'status_changed')
    return null;
  if (e.data.overrideCleared === true) return t('event.overrideCleared');
  if (e.data.overridden === true && e.data.override === undefined) return t('event.overrideRestored');
  return null;
}

/** The reason a booking breaks a rule, as the details put it after the rule's name: behind the language's colon. */
export function afterRule(reason: string, t: Translate): string {
  return t('violation.reason', { reason });
}
