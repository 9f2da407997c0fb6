/** The state of the renderer's link to core (not the sync server's: that is core's own status). */
export type LinkState = 'connecting' | 'open' | 'closed';

export interface LinkStatus {
  readonly state: LinkState;
  /** Why the link is not open, in words; null when it is. */
  readonly problem: string | null;
  /** Calls `listener` on every change; returns the way to stop. */
  onChange(listener: (state: LinkState, problem: string | null) => void): () => void;
}

/** A link status that can be set by its transport. */
export class MutableLinkStatus implements LinkStatus {
  private listeners = new Set<(state: LinkState, problem: string | null) => void>();
  state: LinkState;
  problem: string | null = null;

  constructor(initial: LinkState) {
    this.state = initial;
  }

  set(state: LinkState, problem: string | null = null): void {
    if (state === this.state && problem === this.problem) return;
    this.state = state;
    this.problem = problem;
    for (const l of this.listeners) l(state, problem);
  }

  onChange(listener: (state: LinkState, problem: string | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
