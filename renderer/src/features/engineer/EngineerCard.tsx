import { useEffect, useMemo, useRef, useState } from 'react';
import { refusalWords } from '../../i18n/reason-words.js';
import type { KeyboardEvent, ReactNode } from 'react';
import { teamLabel } from '../../i18n/domain-labels.js';
import { formatDateTime, formatDuration, formatTime } from '../../i18n/format.js';
import { labelled, listWords } from '../../i18n/punctuation.js';
import { serverReachable } from '../../ui/server-reachable.js';
import { useT } from '../../i18n/use-t.js';
import { useActions } from '../../services/index.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { PRIORITY_COLOURS, STATE_COLOURS, STATUS_COLOURS } from '../../ui/palette.js';
import { useTakeFocus } from '../../ui/take-focus.js';
import { useEngineerNames } from '../../ui/use-names.js';
import { useNow } from '../../ui/use-now.js';
import {
  absencesOfDay,
  cardDay,
  latestPositionAt,
  planRows,
  positionAgeText,
  spanText,
  skillRows,
  stockRows,
  trailSummary,
  trailText,
  utilisation,
} from './card-model.js';

type Trail =
  | { kind: 'loading' }
  | { kind: 'ready'; summary: ReturnType<typeof trailSummary> }
  | { kind: 'offline' }
  | { kind: 'failed'; message: string };

/** The card of the engineer picked on the board (their row's label), on the map (their dot) or in an order's details. */
export function EngineerCardPanel() {
  const id = useConsole((s) => s.engineerCardId);
  // Each opening is a new card: it takes the focus and remembers where to give it back.
  const opening = useConsole((s) => s.engineerCardOpenings);
  return id ? <EngineerCard key={`${id}:${opening}`} engineerId={id} /> : null;
}

/**
 * Who the engineer is and what their day looks like, from the console's cache (so it works offline): skills with
 * levels, shift and breaks, van stock, phone, state and how old the last position is, today's plan with utilisation,
 * and today's trail, which the map draws while the card is open (the trail is on the server: offline the card says so).
 * It takes the focus when it opens; Esc closes it and the focus goes back where it was.
 */
function EngineerCard({ engineerId }: { engineerId: string }) {
  const t = useT();
  const actions = useActions();
  const now = useNow();
  const locale = useConsole((s) => s.locale);
  const names = useEngineerNames();
  const timeZone = useConsole((s) => s.timeZone);
  const dataVersion = useConsole((s) => s.dataVersion);
  useConsole((s) => s.positionsVersion);
  const reachable = useConsole((s) => serverReachable(s.status.state));
  const { engineers, positions } = consoleStore().getState();
  const engineer = engineers.get(engineerId);
  const box = useRef<HTMLDivElement>(null);
  useTakeFocus(box);
  const [trail, setTrail] = useState<Trail>({ kind: 'loading' });

  const day = cardDay(engineer ?? { shifts: [] }, now, timeZone);
  const { start: dayStart, end: dayEnd } = day.day;
  // The plan is worked out again when the card's day changes (its span, or the shift it counts), not every second.
  const dayKey = `${day.span.start}|${day.span.end}|${day.shifts.map((s) => `${s.start}-${s.end}`).join(',')}`;
  const plan = useMemo(
    () => (engineer ? planRows(engineer, consoleStore().getState().orders.values(), day) : []),
    // dataVersion announces changes to the orders and engineers, which are changed in place.
    [engineer, dayKey, dataVersion],
  );

  // Asked again when the link comes back; an answer for a card since closed is dropped.
  useEffect(() => {
    if (!reachable) {
      setTrail({ kind: 'offline' });
      return;
    }
    let live = true;
    setTrail({ kind: 'loading' });
    actions.breadcrumbs(engineerId, dayStart, Math.max(Date.now(), dayStart + 60_000)).then(
      (points) => live && setTrail({ kind: 'ready', summary: trailSummary(points) }),
      (err: unknown) =>
        live && setTrail({ kind: 'failed', message: refusalWords(err, consoleStore().getState().locale) }),
    );
    return () => {
      live = false;
    };
  }, [actions, engineerId, dayStart, reachable]);

  const close = () => consoleStore().getState().showEngineerCard(null);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    close();
  };
  const time = (at: number) => formatTime(at, locale, timeZone);

  const head = (title: string) => (
    <header className="engineer-card-head">
      <h3>{title}</h3>
      <span className="spacer" />
      <button
        type="button"
        onClick={close}
        aria-label={t('common.close')}
        title={t('engineer.keys')}
        data-testid="engineer-card-close"
      >
        ✕
      </button>
    </header>
  );
  const shell = (label: string, children: ReactNode) => (
    <div
      ref={box}
      className="popover engineer-card"
      role="dialog"
      aria-label={label}
      data-testid="engineer-card"
      data-engineer-id={engineerId}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      {children}
    </div>
  );

  if (!engineer)
    return shell(
      t('engineer.open'),
      <>
        {head(t('engineer.open'))}
        <p>{t('engineer.gone')}</p>
      </>,
    );

  const { shifts } = day;
  const absences = absencesOfDay(engineer, day);
  const use = utilisation(day, plan);
  const skills = skillRows(engineer.skills, locale);
  const stock = stockRows(engineer.vanStock, locale);
  const positionAt = latestPositionAt(engineer, positions.get(engineerId));
  const minutes = (min: number) => formatDuration(min * 60_000, locale);

  // Two engineers may share a name: the heading tells them apart as the rest of the console does.
  const name = names.get(engineer.id) ?? engineer.name;
  return shell(
    t('engineer.title', { name }),
    <>
      {head(name)}
      <p className="engineer-card-sub">
        {teamLabel(engineer.team, locale)} · {t('engineer.keys')}
      </p>
      <dl className="engineer-card-facts">
        <dt>{t('engineer.state')}</dt>
        <dd data-testid="engineer-card-state">
          <span className="state-dot" style={{ background: STATE_COLOURS[engineer.state] }} />
          {t(`state.${engineer.state}`)} · {positionAgeText(positionAt, now, locale)}
        </dd>
        <dt>{t('engineer.phone')}</dt>
        <dd data-testid="engineer-card-phone">
          {engineer.phone ? (
            <a href={`tel:${engineer.phone.replace(/[^+0-9]/g, '')}`}>{engineer.phone}</a>
          ) : (
            t('engineer.noPhone')
          )}
        </dd>
        <dt>{t('engineer.shift')}</dt>
        <dd data-testid="engineer-card-shift">
          {shifts.length === 0
            ? t('engineer.noShift')
            : shifts.map((s) => (
                <div key={s.start}>
                  {spanText(s, dayStart, dayEnd, locale, timeZone)} ·{' '}
                  {labelled(
                    t('engineer.breaks'),
                    s.breaks.length === 0
                      ? t('engineer.noBreaks')
                      : listWords(
                          s.breaks.map((b) => `${time(b.start)}–${time(b.end)}`),
                          locale,
                        ),
                    locale,
                  )}
                </div>
              ))}
          {absences.map((a) => (
            <div key={a.start} className="engineer-card-away">
              {t('engineer.absent', {
                from: formatDateTime(a.start, locale, timeZone),
                to: formatDateTime(a.end, locale, timeZone),
                reason: a.reason,
              })}
            </div>
          ))}
        </dd>
        <dt>{t('engineer.skills')}</dt>
        <dd data-testid="engineer-card-skills">
          {skills.length === 0
            ? t('engineer.noSkills')
            : skills.map((s) => (
                <span key={s.id} className="skill-chip" title={t('engineer.level', { n: s.level })}>
                  {s.name}{' '}
                  <span className="skill-level" aria-label={t('engineer.level', { n: s.level })}>
                    {'●'.repeat(s.level)}
                    {'○'.repeat(5 - s.level)}
                  </span>
                </span>
              ))}
        </dd>
      </dl>

      <section className="engineer-card-section">
        <h4>{t('engineer.stock')}</h4>
        {stock.length === 0 ? (
          <p className="muted">{t('engineer.noStock')}</p>
        ) : (
          <table className="engineer-card-table" data-testid="engineer-card-stock">
            <thead>
              <tr>
                <th>{t('engineer.part')}</th>
                <th className="num">{t('engineer.qty')}</th>
              </tr>
            </thead>
            <tbody>
              {stock.map((p) => (
                <tr key={p.id} data-part-id={p.id} className={p.qty === 0 ? 'out' : ''}>
                  <td>{p.name}</td>
                  <td className="num">{p.qty}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="engineer-card-section">
        <h4>
          {t('engineer.plan')}{' '}
          <span className="muted" data-testid="engineer-card-utilisation">
            {use.pct === null
              ? t('engineer.noWorkTime', { booked: minutes(use.bookedMin) })
              : t('engineer.utilisation', {
                  booked: minutes(use.bookedMin),
                  work: minutes(use.workMin),
                  pct: use.pct,
                })}
          </span>
        </h4>
        {plan.length === 0 ? (
          <p className="muted">{t('engineer.noPlan')}</p>
        ) : (
          <ol className="engineer-card-plan" data-testid="engineer-card-plan">
            {plan.map((r, i) => (
              <li key={r.orderId} data-order-id={r.orderId}>
                <span className="plan-n">{i + 1}.</span>
                <span className="nowrap">{spanText(r, dayStart, dayEnd, locale, timeZone)}</span>
                <span className="prio" style={{ background: PRIORITY_COLOURS[r.priority] }}>
                  {r.priority}
                </span>
                <strong>{r.code}</strong>
                <span className="plan-customer">{r.customer}</span>
                <span className="chip" style={{ background: STATUS_COLOURS[r.status] }}>
                  {t(`status.${r.status}`)}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="engineer-card-section">
        <h4>{t('engineer.trail')}</h4>
        <p
          className={trail.kind === 'failed' ? 'error' : 'muted'}
          data-testid="engineer-card-trail"
          data-trail={trail.kind}
        >
          {trail.kind === 'loading' && t('engineer.trailLoading')}
          {trail.kind === 'offline' && t('engineer.trailOffline')}
          {trail.kind === 'failed' && t('engineer.trailFailed', { why: trail.message })}
          {trail.kind === 'ready' && trailText(trail.summary, positionAt, dayStart, locale, timeZone)}
        </p>
      </section>
    </>,
  );
}
