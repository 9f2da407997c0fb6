import { useMemo, useState } from 'react';
import { CUSTOMER_TIERS, PRIORITIES } from '../../../../shared/domain/index.js';
import { useActions } from '../../services/index.js';
import { useT } from '../../i18n/use-t.js';
import { consoleStore, useConsole } from '../../store/index.js';
import { formFromPolicy, validatePolicyForm, type PolicyError, type PolicyForm } from './policy-form.js';
import { Dialog } from '../../ui/Dialog.js';

const ERROR_KEYS = {
  notNumber: 'sla.policy.notNumber',
  outOfRange: 'sla.policy.outOfRange',
  resolveBeforeRespond: 'sla.policy.resolveBeforeRespond',
  required: 'sla.policy.required',
  notTime: 'sla.policy.notTime',
  closesBeforeOpening: 'sla.policy.closesBeforeOpening',
  noOpenDay: 'sla.policy.noOpenDay',
  unknownZone: 'sla.policy.unknownZone',
} as const satisfies Record<PolicyError, string>;

/** Monday first on screen; the policy stores Sunday first. */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;
const DAY_KEYS = ['sla.day.0', 'sla.day.1', 'sla.day.2', 'sla.day.3', 'sla.day.4', 'sla.day.5', 'sla.day.6'] as const;

/**
 * The SLA policy: respond and resolve minutes by priority × customer tier, and the jeopardy threshold. Supervisors
 * edit it (saved through updateSlaPolicy, offline too); everyone else sees it read-only.
 */
export function PolicyEditor({ onClose }: { onClose: () => void }) {
  const t = useT();
  const actions = useActions();
  const policy = useConsole((s) => s.policy);
  const role = useConsole((s) => s.principal?.role);
  const timeZone = useConsole((s) => s.timeZone);
  const editable = role === 'supervisor';
  const [form, setForm] = useState<PolicyForm | null>(() => (policy ? formFromPolicy(policy, timeZone) : null));
  const [tried, setTried] = useState(false);
  const verdict = useMemo(() => (form ? validatePolicyForm(form) : null), [form]);
  if (!policy || !form || !verdict) return null;
  const errors = verdict.ok ? {} : verdict.errors;
  const message = (key: string) => {
    const e = errors[key];
    return e === undefined ? undefined : t(ERROR_KEYS[e]);
  };
  const edit = (mutate: (f: PolicyForm) => void) =>
    setForm((f) => {
      if (!f) return f;
      const next = structuredClone(f);
      mutate(next);
      return next;
    });

  const save = async () => {
    setTried(true);
    if (!verdict.ok) {
      consoleStore().getState().notify('error', t('sla.policy.invalid'));
      return;
    }
    if (await actions.updatePolicy(verdict.policy)) onClose();
  };

  const box = (key: string, value: string, set: (v: string) => void, label: string) => {
    const error = tried || value !== '' ? message(key) : undefined;
    return (
      <input
        inputMode="text"
        value={value}
        readOnly={!editable}
        aria-label={label}
        aria-invalid={error !== undefined}
        title={error}
        className={error ? 'invalid' : undefined}
        data-testid={`sla-cell-${key}`}
        onChange={(e) => set(e.target.value)}
      />
    );
  };

  return (
    <Dialog label={t('sla.policy.title')} className="sla-policy" testId="sla-policy" onClose={onClose}>
      <h2>{t('sla.policy.title')}</h2>
      {!editable && <p className="hint">{t('sla.policy.readOnly')}</p>}
      <label>
        {t('sla.policy.name')}
        <input
          value={form.name}
          readOnly={!editable}
          aria-invalid={message('name') !== undefined}
          title={message('name')}
          className={message('name') ? 'invalid' : undefined}
          onChange={(e) => edit((f) => void (f.name = e.target.value))}
        />
      </label>
      <table className="sla-grid">
        <thead>
          <tr>
            <th>{t('sla.policy.priority')}</th>
            {CUSTOMER_TIERS.map((tier) => (
              <th key={tier}>{t(`tier.${tier}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PRIORITIES.map((p) => (
            <tr key={p}>
              <th>{p}</th>
              {CUSTOMER_TIERS.map((tier) => {
                const c = form.cells[p][tier];
                const errs = [message(`${p}.${tier}.respondMin`), message(`${p}.${tier}.resolveMin`)].filter(Boolean);
                return (
                  <td key={tier}>
                    {box(
                      `${p}.${tier}.respondMin`,
                      c.respondMin,
                      (v) => edit((f) => void (f.cells[p][tier].respondMin = v)),
                      `${p} ${t(`tier.${tier}`)} ${t('sla.policy.respondMin')}`,
                    )}
                    {box(
                      `${p}.${tier}.resolveMin`,
                      c.resolveMin,
                      (v) => edit((f) => void (f.cells[p][tier].resolveMin = v)),
                      `${p} ${t(`tier.${tier}`)} ${t('sla.policy.resolveMin')}`,
                    )}
                    {errs.length > 0 && <div className="cell-error">{errs.join(' · ')}</div>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        {t('sla.policy.respondMin')} / {t('sla.policy.resolveMin')}
      </p>
      <label>
        {t('sla.policy.jeopardyMin')}
        {box(
          'jeopardyMin',
          form.jeopardyMin,
          (v) => edit((f) => void (f.jeopardyMin = v)),
          t('sla.policy.jeopardyMin'),
        )}
        {message('jeopardyMin') && <span className="cell-error">{message('jeopardyMin')}</span>}
      </label>
      <fieldset className="sla-hours" disabled={!editable}>
        <label className="inline">
          <input
            type="checkbox"
            checked={form.hours.enabled}
            data-testid="sla-hours-enabled"
            onChange={(e) => edit((f) => void (f.hours.enabled = e.target.checked))}
          />
          {t('sla.policy.businessHoursOnly')}
        </label>
        {form.hours.enabled && (
          <>
            <label>
              {t('sla.policy.timeZone')}
              <input
                value={form.hours.timeZone}
                aria-invalid={message('hours.timeZone') !== undefined}
                className={message('hours.timeZone') ? 'invalid' : undefined}
                onChange={(e) => edit((f) => void (f.hours.timeZone = e.target.value))}
              />
              {message('hours.timeZone') && <span className="cell-error">{message('hours.timeZone')}</span>}
            </label>
            <table className="sla-grid">
              <tbody>
                {WEEK.map((d) => {
                  const day = form.hours.days[d]!;
                  const errs = [message(`hours.${d}.start`), message(`hours.${d}.end`)].filter(Boolean);
                  return (
                    <tr key={d}>
                      <th>{t(DAY_KEYS[d])}</th>
                      <td>
                        <label className="inline">
                          <input
                            type="checkbox"
                            checked={day.open}
                            onChange={(e) => edit((f) => void (f.hours.days[d]!.open = e.target.checked))}
                          />
                          {t('sla.policy.dayOpen')}
                        </label>
                      </td>
                      <td>
                        {day.open && (
                          <>
                            <input
                              value={day.start}
                              aria-label={`${t(DAY_KEYS[d])} ${t('sla.policy.opens')}`}
                              className={message(`hours.${d}.start`) ? 'invalid' : undefined}
                              onChange={(e) => edit((f) => void (f.hours.days[d]!.start = e.target.value))}
                            />
                            {' – '}
                            <input
                              value={day.end}
                              aria-label={`${t(DAY_KEYS[d])} ${t('sla.policy.closes')}`}
                              className={message(`hours.${d}.end`) ? 'invalid' : undefined}
                              onChange={(e) => edit((f) => void (f.hours.days[d]!.end = e.target.value))}
                            />
                          </>
                        )}
                        {errs.length > 0 && <div className="cell-error">{errs.join(' · ')}</div>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {message('hours.days') && <span className="cell-error">{message('hours.days')}</span>}
          </>
        )}
      </fieldset>
      <div className="modal-actions">
        {editable && (
          <button className="primary" onClick={() => void save()} data-testid="sla-policy-save">
            {t('sla.policy.save')}
          </button>
        )}
        <button onClick={onClose}>{t('sla.policy.close')}</button>
      </div>
    </Dialog>
  );
}
