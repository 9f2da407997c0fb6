import { z } from 'zod';
import { Id } from '../../domain/index.js';
import { SurveyAnswers } from '../../kpi/survey.js';
import { defineMutator, refused } from '../mutation.js';
import { EventLog, requireOrder } from './common.js';

/** The client id under which the server records an order's survey: one client per order, so its one mutation is id 1. */
export const surveyClientId = (orderId: string) => `survey:${orderId}`;

/**
 * The customer's answers to the survey on their tracking page, recorded by the server (a system actor) once the order
 * is completed. Recorded once: the survey's event id is fixed by its client and mutation id (surveyClientId, 1).
 */
export const recordSurvey = defineMutator({
  name: 'recordSurvey',
  title: "record a customer's survey",
  args: z.strictObject({ orderId: Id, answers: SurveyAnswers }),
  // Consoles never send it: the tracking page's server handler records it as the system (see apply).
  roles: ['supervisor'],
  reads: (args) => [{ kind: 'order', id: args.orderId }],
  apply(tx, { orderId, answers }, ctx) {
    if (ctx.actor.kind !== 'system') throw refused('forbidden', 'surveyCustomerOnly');
    const order = requireOrder(tx, orderId);
    if (order.status !== 'completed') throw refused('invalid', 'surveyNotYet', { order: order.code });
    new EventLog(tx, ctx).add(order.id, 'survey_answered', { ...answers });
  },
});
