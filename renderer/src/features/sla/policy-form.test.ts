import { describe, expect, it } from 'vitest';
import { defaultSlaPolicy } from '../../../../shared/domain/index.js';
import { formFromPolicy, validatePolicyForm } from './policy-form.js';

const base = defaultSlaPolicy();

describe('SLA policy form', () => {
  it('round-trips the current policy unchanged', () => {
    const v = validatePolicyForm(formFromPolicy(base));
    expect(v).toEqual({
      ok: true,
      policy: { name: base.name, targets: base.targets, jeopardyMin: base.jeopardyMin, businessHours: null },
    });
  });

  it('shows durations as hours and minutes, and stores minutes', () => {
    const f = formFromPolicy({
      ...base,
      jeopardyMin: 30,
      targets: { ...base.targets, P1: { ...base.targets.P1, gold: { respondMin: 90, resolveMin: 72 * 60 + 5 } } },
    });
    expect(f.cells.P1.gold).toEqual({ respondMin: '1:30', resolveMin: '72:05' });
    expect(f.jeopardyMin).toBe('0:30');
    f.cells.P1.platinum = { respondMin: ' 0:45 ', resolveMin: '3' };
    f.jeopardyMin = '0 : 20';
    const v = validatePolicyForm(f);
    expect(v.ok && v.policy.targets.P1.platinum).toEqual({ respondMin: 45, resolveMin: 180 });
    expect(v.ok && v.policy.targets.P1.gold).toEqual({ respondMin: 90, resolveMin: 72 * 60 + 5 });
    expect(v.ok && v.policy.jeopardyMin).toBe(20);
  });

  it('marks each wrong cell on its own: text, zero, minutes past 59, too long, resolve before respond', () => {
    const f = formFromPolicy(base);
    f.cells.P1.gold.respondMin = 'soon';
    f.cells.P2.silver.respondMin = '0:00';
    f.cells.P3.bronze.resolveMin = '1:75';
    f.cells.P4.platinum.resolveMin = `${24 * 91}:00`;
    f.cells.P2.gold = { respondMin: '5:00', resolveMin: '2:00' };
    f.jeopardyMin = '-5';
    const v = validatePolicyForm(f);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(Object.keys(v.errors).sort()).toEqual(
      [
        'P1.gold.respondMin',
        'P2.silver.respondMin',
        'P3.bronze.resolveMin',
        'P4.platinum.resolveMin',
        'P2.gold.resolveMin',
        'jeopardyMin',
      ].sort(),
    );
    expect(v.errors).toEqual({
      'P1.gold.respondMin': 'notNumber',
      'P2.silver.respondMin': 'outOfRange',
      'P3.bronze.resolveMin': 'notNumber',
      'P4.platinum.resolveMin': 'outOfRange',
      'P2.gold.resolveMin': 'resolveBeforeRespond',
      jeopardyMin: 'notNumber',
    });
  });

  it('refuses an empty name', () => {
    const v = validatePolicyForm({ ...formFromPolicy(base), name: '   ' });
    expect(v.ok === false && v.errors).toEqual({ name: 'required' });
  });

  it('refuses a jeopardy threshold longer than a day', () => {
    const v = validatePolicyForm({ ...formFromPolicy(base), jeopardyMin: '24:01' });
    expect(v.ok === false && v.errors).toEqual({ jeopardyMin: 'outOfRange' });
  });

  it('takes business hours in a zone, Sunday first, and round-trips them', () => {
    const f = formFromPolicy(base, 'Europe/London');
    f.hours.enabled = true;
    f.hours.days[6] = { open: true, start: '09:00', end: '13:30' };
    f.hours.days[0] = { open: true, start: '00:00', end: '24:00' };
    const v = validatePolicyForm(f);
    expect(v.ok && v.policy.businessHours).toEqual({
      timeZone: 'Europe/London',
      days: [
        { startMin: 0, endMin: 1440 },
        ...Array.from({ length: 5 }, () => ({ startMin: 480, endMin: 1080 })),
        { startMin: 540, endMin: 810 },
      ],
    });
    if (!v.ok) return;
    expect(validatePolicyForm(formFromPolicy(v.policy))).toEqual(v);
  });

  it('marks wrong business hours: not a time, closing before opening, no open day, unknown zone', () => {
    const f = formFromPolicy(base);
    f.hours.enabled = true;
    f.hours.days[1] = { open: true, start: '9am', end: '17:00' };
    f.hours.days[2] = { open: true, start: '17:00', end: '09:00' };
    f.hours.days[3] = { open: true, start: '08:00', end: '24:30' };
    f.hours.timeZone = 'Mars/Olympus';
    const v = validatePolicyForm(f);
    expect(v.ok === false && v.errors).toEqual({
      'hours.1.start': 'notTime',
      'hours.2.end': 'closesBeforeOpening',
      'hours.3.end': 'notTime',
      'hours.timeZone': 'unknownZone',
    });
    const closed = formFromPolicy(base);
    closed.hours.enabled = true;
    closed.hours.days = closed.hours.days.map((d) => ({ ...d, open: false }));
    const c = validatePolicyForm(closed);
    expect(c.ok === false && c.errors).toEqual({ 'hours.days': 'noOpenDay' });
  });
});
