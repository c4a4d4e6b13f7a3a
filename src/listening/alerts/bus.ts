// In-process fan-out of storm events to the SSE streams of the same process. Streams also poll the storms
// table, so a worker in another process reaches the browser too, only a few seconds later.
import { EventEmitter } from 'node:events';

export interface StormEvent {
  type: 'storm.opened' | 'storm.updated' | 'storm.closed';
  orgId: string;
  stormId: string;
  alertId: string | null;
  monitorId: string;
  monitorName: string;
  status: 'open' | 'closed';
  windowCount: number;
  expected: number;
  negativeShare: number;
  openedAt: string;
  closedAt: string | null;
  updatedAt: string;
  /** How many times the storm escalated (its 30-minute window doubled since the last notice). */
  escalations: number;
}

const bus = new EventEmitter();
bus.setMaxListeners(0);

export function publishStormEvent(event: StormEvent): void {
  bus.emit(event.orgId, event);
}

/** Calls `listener` for every storm event of the organisation; returns the unsubscribe. */
export function subscribeStormEvents(orgId: string, listener: (e: StormEvent) => void): () => void {
  bus.on(orgId, listener);
  return () => bus.off(orgId, listener);
}
