// What the domain tells the live screens. Realtime is a hint — clients refetch over tRPC — so
// the domain only needs somewhere to publish; the Pusher publisher arrives with the realtime
// package, and until then events go nowhere (or into a list, in tests).
export type TDomainEvent = { channel: string; name: string; data: Record<string, unknown> };

export type TEventPublisher = { publish: (events: TDomainEvent[]) => Promise<void> };

export const discardEvents: TEventPublisher = { publish: async () => undefined };

export function recordingPublisher() {
  const events: TDomainEvent[] = [];
  return { events, publish: async (e: TDomainEvent[]) => void events.push(...e) } satisfies TEventPublisher & { events: TDomainEvent[] };
}
