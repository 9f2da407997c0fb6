import { z } from 'zod';
import { ReasonSchema } from '../../dispatch/reasons.js';
import { ROLES } from '../roles.js';
import { defineMutator, MutationRejected } from '../mutation.js';

/** Why a console could not send one of its changes: it is over the size limit, or the server cannot read it. */
export const WithdrawReason = z.enum(['too_large', 'bad_request']);
export type WithdrawReason = z.infer<typeof WithdrawReason>;

/**
 * Sent by a console in place of a change the server will never take (too large for any push, or refused as
 * unreadable), under that change's mutation id: the server records the id as rejected with the reason, so the
 * console's later changes go on in order, and the change itself waits in the console's conflicts. It changes nothing.
 */
export const withdrawMutation = defineMutator({
  name: 'withdrawMutation',
  title: 'withdraw a change the console could not send',
  args: z.strictObject({
    /** The withdrawn change's mutation name. */
    name: z.string().min(1).max(64),
    reason: WithdrawReason,
    /** Why, in words, as the dispatcher reads it in the conflicts panel. */
    message: z.string().min(1).max(500),
    /** The same as data, for the console to word in its language; kept with the rejection the server records. */
    say: z.array(ReasonSchema).max(20).optional(),
  }),
  roles: ROLES,
  reads: () => [],
  apply(_tx, args) {
    throw new MutationRejected(args.reason === 'too_large' ? 'too_large' : 'bad_args', args.message, args.say);
  },
});
