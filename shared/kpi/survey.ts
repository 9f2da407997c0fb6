// Customer satisfaction (CSAT) and net promoter score (NPS) from the surveys customers answer on their tracking page.
// A survey is an order event (`survey_answered`), so every console holds the same answers and computes the same figures.
import { z } from 'zod';
import type { OrderEvent } from '../domain/index.js';
import type { Ratio } from './compute.js';

/** What a customer answers once an order is completed: the one definition of a survey's answers. */
export const SurveyAnswers = z.strictObject({
  /** How satisfied with the visit, 1 (very unsatisfied) to 5 (very satisfied). */
  satisfaction: z.number().int().min(1).max(5),
  /** How likely to recommend us, 0 (not at all) to 10 (extremely likely). */
  recommend: z.number().int().min(0).max(10),
  comment: z.string().trim().max(1_000),
});
export type SurveyAnswers = z.infer<typeof SurveyAnswers>;

/** A net promoter score: promoters' share minus detractors' share, in points (−100…100), and how many answered. */
export const NetScore = z.object({ value: z.number().nullable(), n: z.number().int().min(0) });
export type NetScore = z.infer<typeof NetScore>;

/** One answered survey: when, for which order, and its answers. */
export interface SurveyAnswer {
  orderId: string;
  at: number;
  answers: SurveyAnswers;
}

/** The surveys among the events (an event whose data does not hold valid answers is skipped). */
export function surveysOf(events: Iterable<OrderEvent>): SurveyAnswer[] {
  const out: SurveyAnswer[] = [];
  for (const e of events) {
    if (e.kind !== 'survey_answered') continue;
    const answers = SurveyAnswers.safeParse(e.data);
    if (answers.success) out.push({ orderId: e.orderId, at: e.at, answers: answers.data });
  }
  return out;
}

/** CSAT: the share of satisfaction scores of 4 or 5, of all satisfaction scores. */
export function csat(scores: readonly number[]): Ratio {
  const n = scores.length;
  return { value: n ? scores.filter((s) => s >= 4).length / n : null, of: n };
}

/** NPS: promoters (9–10) minus detractors (0–6), as percentage points of everyone who answered. */
export function nps(scores: readonly number[]): NetScore {
  const n = scores.length;
  if (!n) return { value: null, n: 0 };
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return { value: ((promoters - detractors) / n) * 100, n };
}

/** CSAT and NPS of a set of surveys. */
export function surveyScores(surveys: readonly SurveyAnswer[]): { csat: Ratio; nps: NetScore } {
  return {
    csat: csat(surveys.map((s) => s.answers.satisfaction)),
    nps: nps(surveys.map((s) => s.answers.recommend)),
  };
}
