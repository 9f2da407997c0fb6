import type { Engineer, ServiceReport, WorkOrder } from '../../../shared/domain/index.js';
import { areaOfZone } from '../../../shared/scenario/areas.js';
import type { Random } from '../../../shared/scenario/index.js';
import { signerFor } from '../../../shared/scenario/people.js';
import { customerLanguage } from '../notify/messages.js';

/** The report as the device sends it; the server stamps when it arrived. */
export type ReportDraft = Omit<ServiceReport, 'submittedAt'>;

/** Share of customers who are not there to sign (a neighbour or the site's guard takes the work, unsigned). */
export const UNSIGNED_SHARE = 0.1;

/** A signature as a finger draws it on the pad (200 × 80): two or three looping strokes, absolute coordinates. */
export function drawnSignature(rng: Random): string {
  const strokes = rng.int(2, 3);
  const parts: string[] = [];
  let x = 10 + rng.int(0, 20);
  for (let s = 0; s < strokes; s++) {
    const y = 30 + rng.int(0, 30);
    parts.push(`M ${x} ${y}`);
    for (let c = rng.int(2, 4); c > 0; c--) {
      const nx = Math.min(195, x + rng.int(12, 30));
      parts.push(`Q ${Math.round((x + nx) / 2)} ${rng.int(5, 75)} ${nx} ${rng.int(20, 60)}`);
      x = nx;
    }
    x = Math.min(180, x + rng.int(4, 12));
  }
  return parts.join(' ');
}

/**
 * The plain line an engineer writes when they add nothing: what was reported, done, in the customer's language (the
 * centre's, of the zone `timeZone`, when they have none on file).
 */
function done(order: Pick<WorkOrder, 'customer' | 'summary'>, timeZone: string): string {
  return customerLanguage(order, timeZone) === 'zh' ? `已完成：${order.summary}` : `Done: ${order.summary}`;
}

/** Who signs at a customer's site in the centre of the zone `timeZone`; the customer's name where the city is unknown. */
function signerOf(customer: Pick<WorkOrder['customer'], 'id' | 'name'>, timeZone: string): string {
  const area = areaOfZone(timeZone);
  return area ? signerFor(customer, area) : customer.name;
}

/**
 * What the engineer writes up at the end of a job: the work done (the note they leave, or a plain line), the parts the
 * job needed that the van holds (fitted, so they come off its stock), the minutes on site, and the customer's
 * signature, missing now and then. `timeZone` is the control centre's.
 */
export function fieldReport(
  order: Pick<WorkOrder, 'requiredParts' | 'customer' | 'summary'>,
  me: Pick<Engineer, 'vanStock'>,
  onSiteMin: number,
  workDone: string | undefined,
  rng: Random,
  timeZone: string,
): ReportDraft {
  const partsUsed = order.requiredParts
    .map((need) => ({ part: need.part, qty: Math.min(need.qty, me.vanStock[need.part] ?? 0) }))
    .filter((p) => p.qty > 0);
  return {
    workDone: (workDone ?? done(order, timeZone)).slice(0, 2_000) || 'Work done',
    partsUsed,
    timeOnSiteMin: Math.max(0, Math.min(24 * 60, Math.round(onSiteMin))),
    signature: rng.chance(UNSIGNED_SHARE) ? null : drawnSignature(rng),
    // A person signs: someone of the household, or the business's contact on site (a shop's name signs nothing).
    signedBy: signerOf(order.customer, timeZone),
  };
}
