/**
 * Where the customer follows their order: the server gives the notifier `notifierLinks` (server/src/customer/links.ts);
 * without one (tests, tools) the placeholder gives no link and messages go without one.
 */
export interface TrackingLinks {
  trackingLink(orderId: string): Promise<string | undefined>;
}

/** No links: every message is sent without one. */
export const noTrackingLinks: TrackingLinks = {
  trackingLink: async () => undefined,
};
