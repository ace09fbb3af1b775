import type * as Api from '@lsb/shared/api';
import { createRequest, wsPath } from '../api/request.ts';

export type TemplateSummary = Api.TemplateSummary;
export type TemplateDetail = Api.TemplateDetail;
export type TemplateVersionDetail = Api.TemplateVersionDetail;
export type StarterSummary = Api.StarterSummary;
export type ClonePreview = Api.ClonePreview;
export type ReferenceRow = Api.ReferenceRow;
export type Mapping = Api.Mapping;
export type MappingChoice = Api.MappingChoice;
export type CloneResult = Api.CloneResult;
export type TemplateLink = Api.TemplateLink;
export type Rollout = Api.Rollout;
export type RolloutTarget = Api.RolloutTarget;

/**
 * What the テンプレート screens ask of the runtime (shared/src/api/templates.ts). Every route lives
 * under the workspace the person works in; the library is that workspace's organization's.
 */
export interface TemplatesApi {
  list(ws: string): Promise<TemplateSummary[]>;
  get(ws: string, id: string): Promise<TemplateDetail>;
  getVersion(ws: string, id: string, version: number): Promise<TemplateVersionDetail>;
  save(ws: string, body: Api.SaveTemplateBody): Promise<TemplateDetail>;
  update(ws: string, id: string, body: Api.UpdateTemplateBody): Promise<TemplateDetail>;
  remove(ws: string, id: string): Promise<void>;
  starters(ws: string): Promise<StarterSummary[]>;
  addStarter(ws: string, body: Api.AddStarterBody): Promise<TemplateDetail>;
  /** The bundle file of a template version (default the latest) or of a scenario's draft / published version. */
  templateBundle(ws: string, id: string, version?: number): Promise<unknown>;
  scenarioBundle(ws: string, scenarioId: string, from: 'draft' | 'published'): Promise<unknown>;
  importBundle(ws: string, text: string): Promise<TemplateDetail>;
  clonePreview(ws: string, id: string, version?: number): Promise<ClonePreview>;
  clone(ws: string, id: string, body: Api.CloneBody): Promise<CloneResult>;
  templateLink(ws: string, scenarioId: string): Promise<TemplateLink>;
  listRollouts(ws: string): Promise<Rollout[]>;
  startRollout(ws: string, body: Api.StartRolloutBody): Promise<Rollout>;
  getRollout(ws: string, id: string): Promise<Rollout>;
  cancelRollout(ws: string, id: string): Promise<Rollout>;
  retryRollout(ws: string, id: string, body: Api.RetryRolloutBody): Promise<Rollout>;
}

export function createHttpTemplatesApi(base = '/api', fetchImpl?: typeof fetch): TemplatesApi {
  const call = createRequest(base, fetchImpl);
  const tpl = (ws: string, id?: string) => `${wsPath(ws)}/templates${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;
  const rollouts = (ws: string, id?: string) => `${wsPath(ws)}/template-rollouts${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;
  return {
    list: (ws) => call('GET', tpl(ws)),
    get: (ws, id) => call('GET', tpl(ws, id)),
    getVersion: (ws, id, version) => call('GET', `${tpl(ws, id)}/versions/${version}`),
    save: (ws, body) => call('POST', tpl(ws), body),
    update: (ws, id, body) => call('PATCH', tpl(ws, id), body),
    remove: async (ws, id) => { await call('DELETE', tpl(ws, id)); },
    starters: (ws) => call('GET', `${tpl(ws)}/starters`),
    addStarter: (ws, body) => call('POST', `${tpl(ws)}/starters`, body),
    templateBundle: (ws, id, version) => call('GET', `${tpl(ws, id)}/bundle${version === undefined ? '' : `?version=${version}`}`),
    scenarioBundle: (ws, scenarioId, from) => call('GET', `${wsPath(ws)}/scenarios/${encodeURIComponent(scenarioId)}/bundle?from=${from}`),
    importBundle: (ws, text) => call('POST', `${tpl(ws)}/import`, { bundle: text }),
    clonePreview: (ws, id, version) => call('POST', `${tpl(ws, id)}/clone-preview`, version === undefined ? {} : { version }),
    clone: (ws, id, body) => call('POST', `${tpl(ws, id)}/clone`, body),
    templateLink: (ws, scenarioId) => call('GET', `${wsPath(ws)}/scenarios/${encodeURIComponent(scenarioId)}/template-link`),
    listRollouts: (ws) => call('GET', rollouts(ws)),
    startRollout: (ws, body) => call('POST', rollouts(ws), body),
    getRollout: (ws, id) => call('GET', rollouts(ws, id)),
    cancelRollout: (ws, id) => call('POST', `${rollouts(ws, id)}/cancel`),
    retryRollout: (ws, id, body) => call('POST', `${rollouts(ws, id)}/retry`, body),
  };
}

/** The app's one templates client (tests pass their own to the pages). */
export const httpTemplatesApi = createHttpTemplatesApi();
