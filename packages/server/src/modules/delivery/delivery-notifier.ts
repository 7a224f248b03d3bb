/** Tells delivery workers that new deliveries are due now, so they need not wait for their next poll. */
export class DeliveryNotifier {
  private readonly listeners = new Set<() => void>();

  /** Calls `listener` on every {@link DeliveryNotifier.notify}; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.listeners) listener();
  }
}
