import { largeGraph } from '../flow/largeGraph.ts';
import type { createFakeApi } from './fakeApi.ts';

/** Sample workspace data for `?api=fake`: a catalogue, a published scenario with counts, a big one. */
export function seedDemo(fake: ReturnType<typeof createFakeApi>): void {
  fake.controls.catalogues.set('ws1', {
    tags: [{ id: 'tag-bought', name: '購入済み' }, { id: 'tag-lead', name: '見込み客' }],
    tagFolders: [],
    fields: [
      { id: 'field-reservation', name: '予約日', kind: 'date' },
      { id: 'field-rank', name: '会員ランク', kind: 'choice', choices: ['ゴールド', 'シルバー'] },
      { id: 'field-visits', name: '来店回数', kind: 'number' },
    ],
    inflowRoutes: [{ id: 'route-insta', name: 'Instagram' }],
    scenarios: [],
    links: [{ id: 'link-coupon', name: 'クーポンLP' }],
  });
  void (async () => {
    const welcome = await fake.createScenario('ws1', { name: 'ウェルカム', graph: largeGraph(1) });
    await fake.publish('ws1', welcome.id);
    const stored = fake.controls.scenarios.get(welcome.id);
    if (stored) stored.runningCount = 128;
    fake.controls.stats.set(welcome.id, {
      nodes: { trigger: { waiting: 0, entered: 300 }, 'wait-0': { waiting: 128, entered: 300 }, 'send-0': { waiting: 0, entered: 172, sent: 170, clicked: 41 } },
    });
    await fake.createScenario('ws1', { name: '大規模シナリオ（300ノード）', graph: largeGraph(60) });
  })();
}
