import { useMemo, useState } from 'react';
import { autopilotOn } from '../../../../shared/domain/index.js';
import { useT } from '../../i18n/use-t.js';
import { useActions } from '../../services/index.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { Dialog } from '../../ui/Dialog.js';
import { teamLabel } from '../../i18n/domain-labels.js';

/**
 * Which teams the autopilot dispatches and which a person has taken over. A supervisor switches a team (the setting
 * lives in the centre's policy on the server, so every console and the autopilot see it); others see it read-only.
 * A team taken over keeps its plan: the autopilot books, moves and re-plans nothing there until it is handed back.
 */
export function AutopilotTeams({ onClose }: { onClose: () => void }) {
  const t = useT();
  const actions = useActions();
  const policy = useConsole((s) => s.policy);
  const role = useConsole((s) => s.principal?.role);
  const locale = useConsole((s) => s.locale);
  const dataVersion = useConsole((s) => s.dataVersion);
  const [busy, setBusy] = useState<string | null>(null);
  const teams = useMemo(() => {
    const counts = new Map<string, number>();
    for (const e of consoleStore().getState().engineers.values()) counts.set(e.team, (counts.get(e.team) ?? 0) + 1);
    return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  }, [dataVersion]);
  const editable = role === 'supervisor';

  const flip = async (team: string, on: boolean) => {
    setBusy(team);
    await actions.setAutopilot(team, on);
    setBusy(null);
  };

  return (
    <Dialog label={t('autopilot.title')} className="autopilot-teams" testId="autopilot-teams" onClose={onClose}>
      <h2>{t('autopilot.title')}</h2>
      <p className="hint">{t(editable ? 'autopilot.explain' : 'autopilot.readOnly')}</p>
      <table>
        <thead>
          <tr>
            <th>{t('autopilot.team')}</th>
            <th>{t('autopilot.engineers')}</th>
            <th>{t('autopilot.dispatchedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {teams.map(([team, n]) => {
            const on = autopilotOn(policy, team);
            return (
              <tr key={team} data-testid={`autopilot-team-${team}`}>
                <td>{teamLabel(team, locale)}</td>
                <td>{n}</td>
                <td>
                  <label>
                    <input
                      type="checkbox"
                      checked={on}
                      disabled={!editable || busy !== null}
                      onChange={(e) => void flip(team, e.target.checked)}
                      data-testid={`autopilot-switch-${team}`}
                    />{' '}
                    {t(on ? 'autopilot.on' : 'autopilot.off')}
                  </label>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <footer>
        <button onClick={onClose}>{t('common.close')}</button>
      </footer>
    </Dialog>
  );
}
