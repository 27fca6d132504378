import { EventStreamContentType, fetchEventSource } from '@microsoft/fetch-event-source';
import { useEffect, useState } from 'react';
import { authorizedFetch } from '../../../lib/api';
import type { LogEntry } from './use-incidents';

export type StreamState = 'connecting' | 'live' | 'reconnecting';

class RetryStream extends Error {}
class FatalStream extends Error {}

/**
 * The log live over the API's SSE stream, read with fetch so the token travels in the
 * Authorization header. On a dropped connection fetch-event-source reconnects with Last-Event-ID
 * and the API sends everything after it first, so nothing is missed; `reconnectedAt` tells the
 * reader it happened. Entries are kept by id in log order: a marked entry arrives again and
 * replaces its older copy.
 */
export function useLogStream(incidentId: string, view: 'feed' | 'overview') {
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const [state, setState] = useState<StreamState>('connecting');
  const [reconnectedAt, setReconnectedAt] = useState<Date | null>(null);
  const [failed, setFailed] = useState<number | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const byId = new Map<string, LogEntry>();
    let opened = false;
    let pending: number | undefined;
    // Entries arriving in bursts are rendered once per frame, not once per event.
    const publish = () => {
      pending ??= requestAnimationFrame(() => {
        pending = undefined;
        setEntries([...byId.values()].sort((a, b) => a.seq - b.seq));
      });
    };
    setEntries([]);
    setState('connecting');
    setReconnectedAt(null);
    setFailed(null);
    void fetchEventSource(`/v1/incidents/${encodeURIComponent(incidentId)}/stream?view=${view}`, {
      signal: controller.signal,
      fetch: authorizedFetch,
      openWhenHidden: true,
      onopen(response) {
        const type = response.headers.get('content-type') ?? '';
        if (!response.ok || !type.startsWith(EventStreamContentType)) {
          if (response.status >= 400 && response.status < 500) {
            setFailed(response.status);
            throw new FatalStream(String(response.status));
          }
          throw new RetryStream(String(response.status));
        }
        if (opened) setReconnectedAt(new Date());
        opened = true;
        setState('live');
        return Promise.resolve();
      },
      onmessage(message) {
        if (!message.data) return;
        const data = JSON.parse(message.data) as LogEntry;
        if (message.event === 'removed') byId.delete(data.id);
        else if (message.event === 'entry') byId.set(data.id, data);
        else return;
        publish();
      },
      onclose() {
        throw new RetryStream('closed');
      },
      onerror(error) {
        if (error instanceof FatalStream) throw error;
        setState('reconnecting');
        return 1000;
      },
    }).catch(() => undefined);
    return () => {
      controller.abort();
      if (pending !== undefined) cancelAnimationFrame(pending);
    };
  }, [incidentId, view]);

  return { entries, state, reconnectedAt, failed };
}
