import type { WorkOrder } from '../../../shared/domain/index.js';
import type { SurveyAnswers } from '../../../shared/kpi/index.js';
import { Random } from '../../../shared/random/index.js';

/** The share of customers who answer the survey on their tracking page (field-service surveys see 20–30 %). */
export const SURVEY_SHARE = 0.25;

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(v)));

/**
 * A customer's answers after a visit: most are pleased when the engineer came on time and fixed it first time; a late
 * arrival costs about a point of satisfaction and two of recommendation, a revisit more.
 */
export function customerScores(rng: Random, visit: { onTime: boolean; firstTimeFix: boolean }): SurveyAnswers {
  const late = visit.onTime ? 0 : 1;
  const revisit = visit.firstTimeFix ? 0 : 1;
  return {
    satisfaction: clamp(4.6 - 1.0 * late - 1.4 * revisit + 0.7 * rng.normal(), 1, 5),
    recommend: clamp(9.1 - 2.0 * late - 3.0 * revisit + 1.3 * rng.normal(), 0, 10),
    comment: '',
  };
}

export interface SurveyOptions {
  url: string;
  /** A dispatcher's sign-in token: the link is issued as a dispatcher would, then opened as the customer. */
  token: () => string;
  seed: number;
  share?: number;
  log: (line: string) => void;
}

/**
 * The city's customers: after a completion, a seeded share of them open their tracking link and answer the survey,
 * with scores that follow on-time arrival and first-time fix.
 */
export class CustomerSurveys {
  private readonly rng: Random;
  /** When the engineer arrived at each order (simulated time). */
  private readonly arrivals = new Map<string, number>();
  readonly counts = { asked: 0, answered: 0, failed: 0 };

  constructor(private readonly o: SurveyOptions) {
    this.rng = new Random(o.seed * 104_729 + 17);
  }

  arrived(orderId: string, at: number): void {
    this.arrivals.set(orderId, at);
  }

  /** The order was completed; maybe its customer answers. Returns the answers sent, or null. */
  completed(order: WorkOrder, firstTimeFix: boolean): SurveyAnswers | null {
    const arrived = this.arrivals.get(order.id);
    this.arrivals.delete(order.id);
    this.counts.asked += 1;
    if (!this.rng.chance(this.o.share ?? SURVEY_SHARE)) return null;
    const w = order.window;
    const onTime = !w || arrived === undefined || (arrived >= w.start && arrived <= w.end);
    const answers = customerScores(this.rng, { onTime, firstTimeFix });
    void this.send(order.id, answers);
    return answers;
  }

  private async send(orderId: string, answers: SurveyAnswers): Promise<void> {
    try {
      const issued = await fetch(`${this.o.url}/api/tracking-links`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.o.token()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ orderId }),
        signal: AbortSignal.timeout(10_000),
      });
      const { url } = (await issued.json()) as { url?: string };
      if (!issued.ok || !url) throw new Error(`no link (${issued.status})`);
      const path = new URL(url).pathname;
      const sent = await fetch(`${this.o.url}${path}/survey`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(answers),
        signal: AbortSignal.timeout(10_000),
      });
      if (sent.status !== 201 && sent.status !== 409) throw new Error(`survey refused (${sent.status})`);
      this.counts.answered += 1;
    } catch (err) {
      this.counts.failed += 1;
      this.o.log(`sim: a customer's survey for ${orderId} was not sent: ${(err as Error).message}`);
    }
  }
}
