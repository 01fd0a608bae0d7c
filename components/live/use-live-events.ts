"use client";

import { useEffect, useState } from "react";
import { applyLiveEvent, liveEventTypes, type LiveEventDto, type LiveSnapshot } from "@/lib/live/contract";

/**
 * The live state of a session: starts from the server-rendered snapshot, then follows the SSE stream.
 * The browser reconnects by itself with Last-Event-ID, and the server replays exactly what was missed.
 */
export function useLiveEvents(sessionId: string, initial: LiveSnapshot): { state: LiveSnapshot; connected: boolean } {
  const [state, setState] = useState(initial);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const url = `/api/live/${sessionId}/events${initial.lastEventId ? `?lastEventId=${initial.lastEventId}` : ""}`;
    const source = new EventSource(url);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener("snapshot", (m) => setState(JSON.parse((m as MessageEvent).data) as LiveSnapshot));
    for (const type of liveEventTypes) {
      source.addEventListener(type, (m) => {
        const e = m as MessageEvent;
        const event: LiveEventDto = { id: Number(e.lastEventId), type, payload: JSON.parse(e.data) };
        setState((s) => (event.id > s.lastEventId ? applyLiveEvent(s, event) : s));
      });
    }
    return () => source.close();
  }, [sessionId, initial.lastEventId]);
  return { state, connected };
}
