import type { http } from 'msw';
import * as Api from '@lsb/shared/api';
import { route } from './fake-route.ts';
import type { FakeControls } from './fake-runtime.ts';

// The measurement routes the editor polls beside the canvas. They never take part in `failNext`
// (a test's planned failures are for the call it is about), only in a stopped runtime.

export function measureRoutes(controls: FakeControls, find: (ws: string, id: string) => unknown): ReturnType<typeof http.get>[] {
  const gate = (name: string) => {
    controls.calls.push(name);
    return controls.down ? new Response(null, { status: 502 }) : undefined;
  };
  const sc = '*/api/workspaces/:ws/scenarios/:id';
  return [
    route('get', `${sc}/measure/nodes`, Api.NodeMeasures, 'nodeMeasures', gate, ({ params, request }) => {
      find(params.ws!, params.id!);
      controls.measureQueries?.push(new URL(request.url).search);
      const given = controls.measures?.get(params.id!);
      if (given) return structuredClone(given);
      const nodes: Api.NodeMeasures['nodes'] = {};
      for (const [nodeId, s] of Object.entries(controls.stats.get(params.id!)?.nodes ?? {})) {
        nodes[nodeId] = { entered: s.entered, waiting: s.waiting, sent: s.sent ?? 0, failed: 0, uniqueClicks: s.clicked ?? 0, conversions: 0, conversionValue: 0 };
      }
      return { from: '2026-03-12', to: '2026-04-10', timeZone: 'Asia/Tokyo', nodes };
    }),
    route('get', '*/api/workspaces/:ws/friends/:friendId/conversions', Api.ConversionList, 'friendConversions', gate, () => ({ conversions: [] })),
    route('get', '*/api/workspaces/:ws/conversion-points', Api.ConversionPointList, 'listPoints', gate, () => ({ points: structuredClone(controls.conversionPoints ?? []) })),
  ];
}
