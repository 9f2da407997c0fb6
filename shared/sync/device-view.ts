import type { Engineer, OrderEvent } from '../domain/index.js';
import type { PullResult } from './protocol.js';
import { contactShown, RECENT_JOB_MS, type Job } from './reads.js';

/**
 * What an engineer's device holds of the server (shared/sync/reads.ts): its engineer, its jobs and their events,
 * kept from pulled pages. A `removed` job goes with its events, so nothing of the customer stays behind.
 */
export class DeviceView {
  engineer: Engineer | null = null;
  readonly jobs = new Map<string, Job>();
  readonly events = new Map<string, OrderEvent>();

  /** Applies one pulled page; a reset page starts the view over. */
  apply(page: Pick<PullResult, 'kind' | 'changes'>): void {
    if (page.kind === 'reset') {
      this.engineer = null;
      this.jobs.clear();
      this.events.clear();
    }
    for (const c of page.changes) {
      switch (c.entity) {
        case 'job':
          this.jobs.set(c.value.id, c.value);
          break;
        case 'engineer':
          this.engineer = c.value;
          break;
        case 'event':
          this.events.set(c.value.id, c.value);
          break;
        case 'removed':
          this.drop(c.value.id);
          break;
        case 'order':
        case 'policy':
          break; // a console's records; a device is never sent them
      }
    }
  }

  /** Lets go of jobs finished more than RECENT_JOB_MS ago: time passing writes nothing to the change log. */
  forget(now: number): void {
    for (const job of [...this.jobs.values()])
      if (!contactShown(job) && now - job.updatedAt > RECENT_JOB_MS) this.drop(job.id);
  }

  private drop(orderId: string): void {
    this.jobs.delete(orderId);
    for (const [id, ev] of this.events) if (ev.orderId === orderId) this.events.delete(id);
  }
}
