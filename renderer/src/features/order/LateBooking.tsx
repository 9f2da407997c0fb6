import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { reasonWords, refusalWords } from '../../i18n/reason-words.js';
import type { Proposal } from '../../../../shared/dispatch/index.js';
import { bookingLateness, orderSla } from '../../../../shared/sla/index.js';
import { formatTimeOn } from '../../i18n/format.js';
import { engineerName } from '../../i18n/names.js';
import { useT } from '../../i18n/use-t.js';
import { useActions } from '../../services/index.js';
import { consoleStore, useConsole, type LateBooking as Late } from '../../store/index.js';
import { Dialog } from '../../ui/Dialog.js';
import { useEngineerNames } from '../../ui/use-names.js';
import { overriddenBumps, overriddenBumpsLine } from './reshuffle-words.js';

type Reshuffle =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'ready'; runId: number; proposal: Proposal }
  | { kind: 'failed'; message: string };

/**
 * Asked before "book the best candidate" books an order late: how late, against which clock, and the two ways on —
 * the engine's emergency reshuffle (bumping lower-priority work, shown as moves to accept or not) or booking it late
 * knowingly. Cancel (or Esc) books nothing.
 */
export function LateBooking() {
  const late = useConsole((s) => s.lateBooking);
  return late ? <LateBookingDialog key={`${late.orderId}@${late.start}`} late={late} /> : null;
}

function LateBookingDialog({ late }: { late: Late }) {
  const t = useT();
  const actions = useActions();
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  const names = useEngineerNames();
  const [reshuffle, setReshuffle] = useState<Reshuffle>({ kind: 'idle' });
  const runId = reshuffle.kind === 'ready' ? reshuffle.runId : null;
  const cancelRef = useRef<HTMLButtonElement>(null);

  const close = () => {
    if (runId !== null) void actions.discardProposal(runId);
    consoleStore().getState().askLateBooking(null);
  };
  // Focus moves in the same task that shows the dialog, so a key pressed the moment it appears reaches it.
  useLayoutEffect(() => {
    cancelRef.current?.focus();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      close();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  const bump = async () => {
    setReshuffle({ kind: 'searching' });
    try {
      const { runId: id, proposal } = await actions.emergency(late.orderId);
      setReshuffle({ kind: 'ready', runId: id, proposal });
    } catch (err) {
      setReshuffle({ kind: 'failed', message: refusalWords(err, consoleStore().getState().locale) });
    }
  };

  const name = (id: string) => engineerName(consoleStore().getState().engineers, id, locale);
  const own = reshuffle.kind === 'ready' ? reshuffle.proposal.moves.find((m) => m.orderId === late.orderId) : undefined;
  const others = reshuffle.kind === 'ready' ? reshuffle.proposal.moves.filter((m) => m.orderId !== late.orderId) : [];
  // Bookings made against a rule on purpose that the reshuffle would bump: named before it is accepted.
  const overridden = overriddenBumps(others, late.orderId, consoleStore().getState().orders);
  const overriddenLine = overriddenBumpsLine(overridden, locale);
  // A reshuffle that bumps nothing and gets there no sooner is no way out: there is only booking late.
  const helps = own?.to ? others.length > 0 || own.to.start < late.start : false;
  const ownLate = (() => {
    if (!own?.to) return null;
    const s = consoleStore().getState();
    const order = s.orders.get(late.orderId);
    if (!order) return null;
    return bookingLateness(
      orderSla(order, Date.now(), s.policy, s.slaTimelines.get(order.id)),
      own.to.start,
      own.to.end,
    );
  })();

  return (
    <Dialog label={t('late.title', { code: late.code })} className="late-booking" testId="late-booking" onClose={close}>
      <h2>{t('late.title', { code: late.code })}</h2>
      <p data-testid="late-booking-lateness">{actions.lateQuestion(late)}</p>
      {reshuffle.kind === 'idle' && <p>{t('late.choose')}</p>}
      {reshuffle.kind === 'searching' && <p aria-live="polite">{t('late.searching')}</p>}
      {reshuffle.kind === 'failed' && <p className="error">{t('notice.refused', { reason: reshuffle.message })}</p>}
      {reshuffle.kind === 'ready' && (
        <section data-testid="late-booking-reshuffle" aria-label={t('late.proposal')}>
          <h3>{t('late.proposal')}</h3>
          {helps && own?.to ? (
            <p>
              <strong>
                {t('late.proposalFor', {
                  name: name(own.to.engineerId),
                  time: formatTimeOn(own.to.start, Date.now(), locale, timeZone),
                })}
              </strong>{' '}
              · {ownLate ? t('late.stillLate', { late: actions.lateWords(ownLate) }) : t('late.onTime')}
            </p>
          ) : (
            <p>{t('late.none')}</p>
          )}
          {helps && (
            <ul className="late-moves">
              {others.map((m) => (
                <li key={m.orderId} title={reasonWords(m, locale, names)}>
                  <strong>
                    {m.priority} {m.code}
                  </strong>{' '}
                  {m.to
                    ? t('late.moveTo', {
                        name: name(m.to.engineerId),
                        time: formatTimeOn(m.to.start, Date.now(), locale, timeZone),
                      })
                    : t('late.moveQueue')}
                  {overridden.includes(m) && <span className="override"> ⚠ {t('late.overridden')}</span>}
                </li>
              ))}
            </ul>
          )}
          {helps && overriddenLine && (
            <p className="override" role="note" data-testid="late-booking-overridden">
              ⚠ {overriddenLine}
            </p>
          )}
        </section>
      )}
      <div className="modal-actions">
        {reshuffle.kind === 'idle' && (
          <button onClick={() => void bump()} data-testid="late-booking-bump">
            {t('late.bump')}
          </button>
        )}
        {reshuffle.kind === 'ready' && helps && (
          <button
            className="primary"
            onClick={() =>
              void actions.acceptEmergency(
                reshuffle.runId,
                late.code,
                ownLate && own?.to ? { name: name(own.to.engineerId), lateness: ownLate } : null,
              )
            }
            data-testid="late-booking-accept"
          >
            {t('late.accept')}
          </button>
        )}
        <button
          className="danger"
          onClick={() => {
            if (runId !== null) void actions.discardProposal(runId);
            void actions.bookLate(late);
          }}
          data-testid="late-booking-book"
        >
          {t('late.bookAnyway')}
        </button>
        <button ref={cancelRef} onClick={close} data-testid="late-booking-cancel">
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
