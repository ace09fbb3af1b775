import type {
  CatalogueResponse, Channel, InflowRouteDetail, RouteReport, SaveChannelLoginBody, SaveInflowRouteBody,
} from '@lsb/shared/api';
import { createRequest, wsPath } from '../api/request.ts';

/** What the 流入経路 page and the channel's LINE Login settings ask of the runtime. */
export interface InflowApi {
  listRoutes(ws: string): Promise<InflowRouteDetail[]>;
  createRoute(ws: string, body: SaveInflowRouteBody): Promise<InflowRouteDetail>;
  updateRoute(ws: string, id: string, body: SaveInflowRouteBody): Promise<InflowRouteDetail>;
  deleteRoute(ws: string, id: string): Promise<void>;
  report(ws: string, range: { from?: string; to?: string }): Promise<RouteReport>;
  /** Tags and scenarios the actions may name. */
  catalogue(ws: string): Promise<Pick<CatalogueResponse, 'tags' | 'scenarios'>>;
  listChannels(ws: string): Promise<Channel[]>;
  saveChannelLogin(ws: string, channelId: string, body: SaveChannelLoginBody): Promise<Channel>;
  /** Where the browser downloads the route's QR code. */
  qrUrl(ws: string, id: string, format: 'png' | 'svg'): string;
}

export function createHttpInflowApi(base = '/api', fetchImpl?: typeof fetch): InflowApi {
  const call = createRequest(base, fetchImpl);
  const routes = (ws: string) => `${wsPath(ws)}/inflow-routes`;
  return {
    listRoutes: (ws) => call('GET', routes(ws)),
    createRoute: (ws, body) => call('POST', routes(ws), body),
    updateRoute: (ws, id, body) => call('PUT', `${routes(ws)}/${encodeURIComponent(id)}`, body),
    deleteRoute: async (ws, id) => { await call('DELETE', `${routes(ws)}/${encodeURIComponent(id)}`); },
    report: (ws, range) => {
      const query = new URLSearchParams(Object.entries(range).filter((entry): entry is [string, string] => Boolean(entry[1])));
      return call('GET', `${routes(ws)}/report${query.size ? `?${query}` : ''}`);
    },
    catalogue: (ws) => call('GET', `${wsPath(ws)}/catalogue`),
    listChannels: (ws) => call('GET', `${wsPath(ws)}/channels`),
    saveChannelLogin: (ws, channelId, body) => call('PUT', `${wsPath(ws)}/channels/${encodeURIComponent(channelId)}/login`, body),
    qrUrl: (ws, id, format) => `${base}${routes(ws)}/${encodeURIComponent(id)}/qr?format=${format}`,
  };
}

export const httpInflowApi = createHttpInflowApi();
