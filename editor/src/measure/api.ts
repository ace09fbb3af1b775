import { createContext, createElement, useContext, type ReactNode } from 'react';
import type {
  BroadcastMeasure, ConversionList, ConversionPoint, ConversionPointList, CrossBody, CrossTable, ManualConversionBody,
  NodeMeasures, RecordConversionResponse, RfmSettings, RfmSummary, SaveConversionPointBody, ScenarioAnalytics, SplitComparison,
} from '@lsb/shared/api';
import { createRequest, wsPath } from '../api/request.ts';

export interface DayRangeQuery { from?: string; to?: string }

/** What the measurement screens ask of the runtime, typed from the shared schemas of its routes. */
export interface MeasureApi {
  listPoints(ws: string): Promise<ConversionPointList>;
  createPoint(ws: string, body: SaveConversionPointBody): Promise<ConversionPoint>;
  updatePoint(ws: string, id: string, body: SaveConversionPointBody): Promise<ConversionPoint>;
  deletePoint(ws: string, id: string): Promise<void>;
  friendConversions(ws: string, friendId: string): Promise<ConversionList>;
  recordManual(ws: string, friendId: string, body: ManualConversionBody): Promise<RecordConversionResponse>;
  nodeMeasures(ws: string, scenarioId: string, range: DayRangeQuery): Promise<NodeMeasures>;
  analytics(ws: string, scenarioId: string, range: DayRangeQuery): Promise<ScenarioAnalytics>;
  chooseWinner(ws: string, scenarioId: string, nodeId: string, branchId: string): Promise<SplitComparison>;
  clearWinner(ws: string, scenarioId: string, nodeId: string): Promise<void>;
  cross(ws: string, body: CrossBody): Promise<CrossTable>;
  getRfm(ws: string): Promise<RfmSettings>;
  saveRfm(ws: string, settings: RfmSettings): Promise<RfmSettings>;
  rfmSummary(ws: string): Promise<RfmSummary>;
  broadcastMeasure(ws: string, broadcastId: string): Promise<BroadcastMeasure>;
}

const query = (range: DayRangeQuery) => {
  const q = new URLSearchParams(Object.entries(range).filter((e): e is [string, string] => Boolean(e[1])));
  return q.size ? `?${q.toString()}` : '';
};

export function createHttpMeasureApi(base = '/api', fetchImpl?: typeof fetch): MeasureApi {
  const call = createRequest(base, fetchImpl);
  const points = (ws: string) => `${wsPath(ws)}/conversion-points`;
  const scenario = (ws: string, id: string) => `${wsPath(ws)}/scenarios/${encodeURIComponent(id)}/measure`;
  return {
    listPoints: (ws) => call('GET', points(ws)),
    createPoint: (ws, body) => call('POST', points(ws), body),
    updatePoint: (ws, id, body) => call('PUT', `${points(ws)}/${encodeURIComponent(id)}`, body),
    deletePoint: async (ws, id) => { await call('DELETE', `${points(ws)}/${encodeURIComponent(id)}`); },
    friendConversions: (ws, friendId) => call('GET', `${wsPath(ws)}/friends/${encodeURIComponent(friendId)}/conversions`),
    recordManual: (ws, friendId, body) => call('POST', `${wsPath(ws)}/friends/${encodeURIComponent(friendId)}/conversions`, body),
    nodeMeasures: (ws, id, range) => call('GET', `${scenario(ws, id)}/nodes${query(range)}`),
    analytics: (ws, id, range) => call('GET', `${scenario(ws, id)}/analytics${query(range)}`),
    chooseWinner: (ws, id, nodeId, branchId) => call('PUT', `${scenario(ws, id)}/splits/${encodeURIComponent(nodeId)}/winner`, { branchId }),
    clearWinner: async (ws, id, nodeId) => { await call('DELETE', `${scenario(ws, id)}/splits/${encodeURIComponent(nodeId)}/winner`); },
    cross: (ws, body) => call('POST', `${wsPath(ws)}/analysis/cross`, body),
    getRfm: (ws) => call('GET', `${wsPath(ws)}/rfm`),
    saveRfm: (ws, settings) => call('PUT', `${wsPath(ws)}/rfm`, settings),
    rfmSummary: (ws) => call('GET', `${wsPath(ws)}/rfm/summary`),
    broadcastMeasure: (ws, id) => call('GET', `${wsPath(ws)}/broadcasts/${encodeURIComponent(id)}/measure`),
  };
}

// The runtime over HTTP unless a test provides a small object implementing what it calls.
const MeasureApiContext = createContext<MeasureApi>(createHttpMeasureApi());

export function MeasureApiProvider({ api, children }: { api: MeasureApi; children: ReactNode }) {
  return createElement(MeasureApiContext.Provider, { value: api }, children);
}

export function useMeasureApi(): MeasureApi {
  return useContext(MeasureApiContext);
}
