import type { CustomerTier, Priority } from '../../../../shared/domain/index.js';
import { BusinessHours, CUSTOMER_TIERS, PRIORITIES, SlaPolicy } from '../../../../shared/domain/index.js';

/**
 * What the editor's inputs hold: text as typed (durations as hours and minutes, "4:30"), so a half-typed value is kept
 * and shown as an error, not lost. The policy itself stays in minutes.
 */
export interface PolicyForm {
  name: string;
  jeopardyMin: string;
  cells: Record<Priority, Record<CustomerTier, { respondMin: string; resolveMin: string }>>;
  /** Business hours: off counts every minute; days are Sunday first, times HH:MM (24:00 closes at midnight). */
  hours: { enabled: boolean; timeZone: string; days: Array<{ open: boolean; start: string; end: string }> };
}

/** The policy as `updateSlaPolicy` takes it. */
export type PolicyEdit = Pick<SlaPolicy, 'name' | 'targets' | 'jeopardyMin'> & { businessHours: BusinessHours | null };

/** Why a field is refused, as the editor words it in the dispatcher's language. */
export type PolicyError =
  | 'notNumber'
  | 'outOfRange'
  | 'resolveBeforeRespond'
  | 'required'
  | 'notTime'
  | 'closesBeforeOpening'
  | 'noOpenDay'
  | 'unknownZone';

/** Errors by field: `name`, `jeopardyMin`, or a cell's `P1.gold.respondMin` / `P1.gold.resolveMin`. */
export type PolicyErrors = Record<string, PolicyError>;

const EditSchema = SlaPolicy.pick({ name: true, targets: true, jeopardyMin: true });

const hhmm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

/** Minutes after midnight from HH:MM (24:00 allowed), or NaN. */
function timeOfDay(text: string): number {
  const m = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m) return Number.NaN;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return Number.NaN;
  return h * 60 + min;
}

export function formFromPolicy(
  p: Pick<SlaPolicy, 'name' | 'targets' | 'jeopardyMin' | 'businessHours'>,
  defaultZone = 'Asia/Shanghai',
): PolicyForm {
  const bh = p.businessHours ?? null;
  const hours = {
    enabled: bh !== null,
    timeZone: bh?.timeZone ?? defaultZone,
    days: [0, 1, 2, 3, 4, 5, 6].map((d) => {
      const day = bh ? bh.days[d] : d === 0 || d === 6 ? null : { startMin: 8 * 60, endMin: 18 * 60 };
      return day
        ? { open: true, start: hhmm(day.startMin), end: hhmm(day.endMin) }
        : { open: false, start: '08:00', end: '18:00' };
    }),
  };
  const cells = Object.fromEntries(
    PRIORITIES.map((pr) => [
      pr,
      Object.fromEntries(
        CUSTOMER_TIERS.map((tier) => {
          const c = p.targets[pr][tier];
          return [tier, { respondMin: durationText(c.respondMin), resolveMin: durationText(c.resolveMin) }];
        }),
      ),
    ]),
  ) as PolicyForm['cells'];
  return { name: p.name, jeopardyMin: durationText(p.jeopardyMin), cells, hours };
}

/** The business hours of the form, checked by their schema; errors under `hours.<day>.start|end`, `hours.days`. */
function hoursFromForm(form: PolicyForm, errors: PolicyErrors): BusinessHours | null {
  if (!form.hours.enabled) return null;
  const days = form.hours.days.map((d, i) => {
    if (!d.open) return null;
    const startMin = timeOfDay(d.start);
    const endMin = timeOfDay(d.end);
    if (Number.isNaN(startMin) || startMin >= 24 * 60) errors[`hours.${i}.start`] = 'notTime';
    if (Number.isNaN(endMin) || endMin === 0) errors[`hours.${i}.end`] = 'notTime';
    return { startMin, endMin };
  });
  const parsed = BusinessHours.safeParse({ timeZone: form.hours.timeZone, days });
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const [head, day] = issue.path.map(String);
    if (head === 'timeZone') errors['hours.timeZone'] ??= 'unknownZone';
    else if (head === 'days' && day === undefined) errors['hours.days'] ??= 'noOpenDay';
    // Times that are not times were marked above; the schema's own rule is closing after opening.
    else if (head === 'days' && issue.code === 'custom') errors[`hours.${day}.end`] ??= 'closesBeforeOpening';
  }
  return null;
}

/** Minutes as the editor shows them: hours and minutes, "4:30", "72:00", "0:15". */
export function durationText(min: number): string {
  return `${Math.floor(min / 60)}:${String(min % 60).padStart(2, '0')}`;
}

/**
 * Minutes from hours and minutes typed in a box ("4:30", or "4" for whole hours), or NaN (which the schema refuses,
 * and we report as not a duration).
 */
export function minutes(text: string): number {
  const m = /^\s*(\d{1,5})(?:\s*:\s*([0-5]\d))?\s*$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2] ?? 0) : Number.NaN;
}

/** Checks the form against the policy's zod schema; the policy to save, or an error for each cell that is wrong. */
export function validatePolicyForm(
  form: PolicyForm,
): { ok: true; policy: PolicyEdit } | { ok: false; errors: PolicyErrors } {
  const errors: PolicyErrors = {};
  const targets = Object.fromEntries(
    PRIORITIES.map((pr) => [
      pr,
      Object.fromEntries(
        CUSTOMER_TIERS.map((tier) => {
          const c = form.cells[pr][tier];
          const cell = { respondMin: minutes(c.respondMin), resolveMin: minutes(c.resolveMin) };
          for (const k of ['respondMin', 'resolveMin'] as const)
            if (Number.isNaN(cell[k])) errors[`${pr}.${tier}.${k}`] = 'notNumber';
          return [tier, cell];
        }),
      ),
    ]),
  );
  const jeopardyMin = minutes(form.jeopardyMin);
  if (Number.isNaN(jeopardyMin)) errors.jeopardyMin = 'notNumber';
  const businessHours = hoursFromForm(form, errors);
  const parsed = EditSchema.safeParse({ name: form.name, targets, jeopardyMin });
  if (parsed.success && Object.keys(errors).length === 0)
    return { ok: true, policy: { ...parsed.data, businessHours } };
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const path = issue.path.map(String);
    // The schema decides; its issue's place says which box and what kind of mistake it is.
    if (path[0] === 'targets' && path.length >= 4) errors[path.slice(1, 4).join('.')] ??= 'outOfRange';
    else if (path[0] === 'targets') errors[`${path.slice(1, 3).join('.')}.resolveMin`] ??= 'resolveBeforeRespond';
    else if (path[0] === 'jeopardyMin') errors.jeopardyMin ??= 'outOfRange';
    else errors[path[0] ?? 'name'] ??= 'required';
  }
  return { ok: false, errors };
}
