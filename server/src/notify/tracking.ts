/**
 * Where the customer follows their order. The tracking page and its tokens are built apart (issue 20, item 1); until
 * they are in, the notifier asks through this interface and the placeholder gives no link, so messages go without one.
 */
export interface TrackingLinks {
  trackingLink(orderId: string): Promise<string | undefined>;
}

/** No tracking page yet: every message is sent without a link. */
export const noTrackingLinks: TrackingLinks = {
  trackingLink: async () => undefined,
};
