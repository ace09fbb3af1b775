import { createContext, createElement, useContext, type ReactNode } from 'react';
import type { DeliveryWindowRule, Condition } from '@lsb/shared';
import type { Static } from 'typebox';
import type { EnrolResponse as EnrolResponseSchema, FriendPage as FriendPageSchema, MessageCaps, Workspace } from '@lsb/shared/api';

type FriendPage = Static<typeof FriendPageSchema>;
type EnrolResponse = Static<typeof EnrolResponseSchema>;
import { createRequest, wsPath } from './request.ts';

/**
 * What the delivery-window settings and the enrol dialog ask of the runtime, typed from the same
 * shared schemas as the routes. Tests hand components a small object implementing just this.
 */
export interface TimingApi {
  getWorkspace(ws: string): Promise<Workspace>;
  /** 422 `invalid_delivery_windows` when a rule is wrong: nothing is saved. */
  saveDeliveryWindows(ws: string, deliveryWindows: DeliveryWindowRule[]): Promise<Workspace>;
  /** 配信上限; 422 `invalid_message_caps` when the week holds fewer than a day. Admins only. */
  saveMessageCaps(ws: string, messageCaps: MessageCaps): Promise<Workspace>;
  searchFriends(ws: string, q: string): Promise<FriendPage>;
  countSegment(ws: string, condition: Condition): Promise<{ count: number }>;
  enrol(ws: string, scenarioId: string, target: { friendIds: string[] } | { condition: Condition }): Promise<EnrolResponse>;
}

export function createHttpTimingApi(base = '/api', fetchImpl: typeof fetch = (...args) => fetch(...args)): TimingApi {
  const call = createRequest(base, fetchImpl);
  return {
    getWorkspace: (ws) => call('GET', wsPath(ws)),
    saveDeliveryWindows: (ws, deliveryWindows) => call('PATCH', wsPath(ws), { deliveryWindows }),
    saveMessageCaps: (ws, messageCaps) => call('PATCH', wsPath(ws), { messageCaps }),
    searchFriends: (ws, q) => call('GET', `${wsPath(ws)}/friends?${new URLSearchParams({ q, limit: '50' }).toString()}`),
    countSegment: (ws, condition) => call('POST', `${wsPath(ws)}/segments/count`, { condition }),
    enrol: (ws, scenarioId, target) => call('POST', `${wsPath(ws)}/scenarios/${encodeURIComponent(scenarioId)}/enrol`, target),
  };
}

const TimingApiContext = createContext<TimingApi | null>(null);
let fallback: TimingApi | undefined;

export function TimingApiProvider({ api, children }: { api: TimingApi; children: ReactNode }) {
  return createElement(TimingApiContext.Provider, { value: api }, children);
}

/** The provided API (tests), else the runtime over HTTP. */
export function useTimingApi(): TimingApi {
  const provided = useContext(TimingApiContext);
  return provided ?? (fallback ??= createHttpTimingApi());
}
