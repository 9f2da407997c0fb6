import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { Proposal } from '../../../../shared/dispatch/index.js';
import { useActions, type GhostBooking } from '../../services/index.js';
import { formatDuration } from '../../i18n/format.js';
import { useT } from '../../i18n/use-t.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { teamLabel } from '../../i18n/domain-labels.js';
import { noteWords, reasonWords, refusalWords } from '../../i18n/reason-words.js';
import { useEngineerNames } from '../../ui/use-names.js';
import { codeList, deltaLines, moveLine } from './delta-words.js';

type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; runId: number; fraction: number; bestCost: number | null }
  | { kind: 'proposal'; runId: number; proposal: Proposal };

function ghostsOf(p: Proposal): GhostBooking[] {
  return p.moves.flatMap((m) =>
    m.to
      ? [
          {
            orderId: m.orderId,
            engineerId: m.to.engineerId,
            start: m.to.start,
            end: m.to.end,
            feasible: true,
            kind: 'proposal' as const,
          },
        ]
      : [],
  );
}

/** Auto-dispatch: choose scope and budget, watch the search, look at the plan as ghost bars, accept all or some. */
export function AutoDispatch({ onClose }: { onClose: () => void }) {
  const t = useT();
  const actions = useActions();
  const locale = useConsole((s) => s.locale);
  const names = useEngineerNames();
  const timeZone = useConsole((s) => s.timeZone);
  const viewStart = useConsole((s) => s.viewStart);
  const [team, setTeam] = useState('');
  const [budget, setBudget] = useState(10);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [picked, setPicked] = useState<Set<string>>(new Set());
  /** The day the plan was asked for: a move on another day shows its day. */
  const runDay = useRef(viewStart);
  /** The other moves the picked ones need with them (they free a slot), for the picked ones that need them. */
  const [needs, setNeeds] = useState<{ needs: string[]; needing: string[] } | null>(null);
  const runId = phase.kind === 'proposal' ? phase.runId : null;
  useEffect(() => {
    setNeeds(null);
    if (runId === null || picked.size === 0) return;
    let current = true;
    actions.proposalNeeds(runId, [...picked]).then(
      (n) => current && setNeeds(n),
      // Unknown: accepting answers with the reason, if there is one.
      () => current && setNeeds({ needs: [], needing: [] }),
    );
    return () => {
      current = false;
    };
  }, [actions, runId, picked]);
  // Opened, it takes the focus so Esc reaches it; closed, the focus goes back to the button that opened it.
  const box = useRef<HTMLDivElement>(null);
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => {
    box.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, [opener]);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    onClose();
  };
  const teams = [...new Set([...consoleStore().getState().engineers.values()].map((e) => e.team))].sort();

  /** The run whose outcome the panel waits for, set as soon as it is known and cleared once it is not wanted. */
  const awaited = useRef<number | null>(null);
  useEffect(
    () => () => {
      awaited.current = null;
      consoleStore().getState().setProposalGhosts([]);
    },
    [],
  );

  const run = async () => {
    const day = viewStart;
    try {
      const { runId, outcome } = await actions.startAutoDispatch(
        { teams: team ? [team] : [], budgetMs: budget * 1000, seed: 1, dayStart: day },
        (p) =>
          setPhase((ph) =>
            ph.kind === 'running' && ph.runId === p.runId ? { ...ph, fraction: p.fraction, bestCost: p.bestCost } : ph,
          ),
      );
      runDay.current = day;
      awaited.current = runId;
      setPhase({ kind: 'running', runId, fraction: 0, bestCost: null });
      const p = await outcome;
      // Stopped and gone, or the panel closed: nothing to show.
      if (awaited.current !== runId) return;
      awaited.current = null;
      if (!p.proposal) {
        consoleStore()
          .getState()
          .notify('error', p.error ?? 'auto-dispatch failed');
        setPhase({ kind: 'idle' });
        return;
      }
      consoleStore().getState().setProposalGhosts(ghostsOf(p.proposal));
      setPicked(new Set(p.proposal.moves.map((m) => m.orderId)));
      setPhase({ kind: 'proposal', runId: p.runId, proposal: p.proposal });
    } catch (err) {
      consoleStore().getState().notify('error', refusalWords(err, consoleStore().getState().locale));
    }
  };
  const finish = () => {
    consoleStore().getState().setProposalGhosts([]);
    setPhase({ kind: 'idle' });
    // The button pressed goes with the proposal: the panel keeps the focus, so Esc still closes it.
    box.current?.focus({ preventScroll: true });
  };
  const accept = async (orderIds: string[] | null) => {
    if (phase.kind !== 'proposal') return;
    try {
      await actions.acceptProposal(phase.runId, orderIds, t('dispatch.title'));
      finish();
    } catch (err) {
      consoleStore().getState().notify('error', refusalWords(err, consoleStore().getState().locale));
    }
  };

  const codes = (ids: readonly string[]) =>
    codeList(
      ids.map(
        (id) => (phase.kind === 'proposal' ? phase.proposal.moves.find((m) => m.orderId === id)?.code : null) ?? id,
      ),
      locale,
      t,
    );
  const blocked = needs !== null && needs.needs.length > 0;

  return (
    <div
      ref={box}
      className="popover dispatch"
      role="dialog"
      aria-label={t('dispatch.title')}
      data-testid="auto-dispatch"
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <header>
        <strong>{t('dispatch.title')}</strong>
        <button onClick={onClose}>{t('common.close')}</button>
      </header>
      {phase.kind === 'idle' && (
        <div className="dispatch-form">
          <label>
            {t('dispatch.scope')}
            <select value={team} onChange={(e) => setTeam(e.target.value)}>
              <option value="">{t('queue.allTeams')}</option>
              {teams.map((id) => (
                <option key={id} value={id}>
                  {teamLabel(id, locale)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('dispatch.budget')}
            <select value={budget} onChange={(e) => setBudget(Number(e.target.value))}>
              {[3, 10, 30].map((s) => (
                <option key={s} value={s}>
                  {t('dispatch.seconds', { n: s })}
                </option>
              ))}
            </select>
          </label>
          <button className="primary" onClick={() => void run()} data-testid="run-dispatch">
            {t('dispatch.run')}
          </button>
        </div>
      )}
      {phase.kind === 'running' && (
        <div className="dispatch-progress">
          <progress max={1} value={phase.fraction} />
          <span>{phase.bestCost !== null ? t('dispatch.best', { cost: Math.round(phase.bestCost) }) : '…'}</span>
          <button onClick={() => void actions.cancelAutoDispatch(phase.runId)}>{t('dispatch.cancel')}</button>
        </div>
      )}
      {phase.kind === 'proposal' && (
        <div className="dispatch-result" data-testid="proposal">
          <ul className="kpi-deltas" aria-label={t('dispatch.deltas')} data-testid="proposal-deltas">
            {deltaLines(phase.proposal.kpis.delta, t, (min) => formatDuration(min * 60_000, locale)).map((d) => (
              <li key={d.kpi} className={d.change} data-kpi={d.kpi} data-change={d.change}>
                {d.text}
              </li>
            ))}
          </ul>
          {phase.proposal.moves.length === 0 && (
            <p className="proposal-note" role="status" data-testid="proposal-empty">
              {phase.proposal.unassigned.length > 0
                ? t('dispatch.nothingLeft', { n: phase.proposal.unassigned.length })
                : t('dispatch.nothing')}
            </p>
          )}
          <ul className="moves">
            {phase.proposal.moves.map((m) => (
              <li
                key={m.orderId}
                data-order-id={m.orderId}
                data-start={m.to?.start}
                data-depends={m.dependsOn.join(' ')}
              >
                <label>
                  <input
                    type="checkbox"
                    checked={picked.has(m.orderId)}
                    onChange={() =>
                      setPicked((s) => {
                        const next = new Set(s);
                        if (next.has(m.orderId)) next.delete(m.orderId);
                        else next.add(m.orderId);
                        return next;
                      })
                    }
                  />
                  <strong>{m.code}</strong> {moveLine(m, runDay.current, locale, timeZone, t, names)}
                  {m.dependsOn.length > 0 && (
                    <span className="muted"> · {t('dispatch.dependsOn', { codes: codes(m.dependsOn) })}</span>
                  )}
                </label>
              </li>
            ))}
          </ul>
          {phase.proposal.unassigned.length > 0 && (
            // What the plan leaves undone, and why: open when it is all the plan has to say.
            <details className="left-in-queue" data-testid="proposal-left" open={phase.proposal.moves.length === 0}>
              <summary>{t('dispatch.left', { n: phase.proposal.unassigned.length })}</summary>
              <ul>
                {phase.proposal.unassigned.map((u) => (
                  <li key={u.orderId} data-order-id={u.orderId}>
                    <strong>{u.code}</strong> {u.priority} · {reasonWords(u, locale, names)}
                  </li>
                ))}
              </ul>
            </details>
          )}
          {(phase.proposal.otherDays ?? 0) > 0 && (
            <p className="muted" data-testid="proposal-other-days">
              {t('dispatch.otherDays', { n: phase.proposal.otherDays ?? 0 })}
            </p>
          )}
          {phase.proposal.notes.length > 0 && (
            <ul className="proposal-notes muted" aria-label={t('dispatch.notes')} data-testid="proposal-notes">
              {phase.proposal.notes.map((n) => (
                <li key={n.text}>{noteWords(n, locale, names)}</li>
              ))}
            </ul>
          )}
          {/* Why accepting the picked moves waits, beside the buttons: in view however long the plan above it. */}
          <div className="proposal-footer">
            {blocked && (
              <div className="reason" role="alert" data-testid="proposal-needs">
                {t('dispatch.needs', {
                  picked: codes(needs.needing),
                  needs: codes(needs.needs),
                  p: needs.needing.length,
                  n: needs.needs.length,
                  total: needs.needing.length + needs.needs.length,
                })}
                <div className="actions">
                  <button data-testid="take-both" onClick={() => setPicked((s) => new Set([...s, ...needs.needs]))}>
                    {t('dispatch.takeBoth', { total: needs.needing.length + needs.needs.length })}
                  </button>
                  <button
                    data-testid="take-neither"
                    onClick={() => setPicked((s) => new Set([...s].filter((id) => !needs.needing.includes(id))))}
                  >
                    {t('dispatch.takeNeither', { total: needs.needing.length + needs.needs.length })}
                  </button>
                </div>
              </div>
            )}
            <div className="actions">
              {phase.proposal.moves.length > 0 && (
                <>
                  <button className="primary" onClick={() => void accept(null)} data-testid="accept-all">
                    {t('dispatch.acceptAll')}
                  </button>
                  <button
                    disabled={picked.size === 0 || needs === null || blocked}
                    onClick={() => void accept([...picked])}
                    data-testid="accept-selected"
                  >
                    {t('dispatch.acceptSelected', { n: picked.size })}
                  </button>
                </>
              )}
              <button
                onClick={() => {
                  void actions.discardProposal(phase.runId);
                  finish();
                }}
              >
                {t('dispatch.discard')}
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
