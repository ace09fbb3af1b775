import type { DeliveryWindowRule, NodeData } from '@lsb/shared';
import { describe, expect, test } from 'vitest';
import { graph, manualTrigger, run } from './support.ts';

// The workspace's 配信時間帯 holds every send outside it, even one with no wait before it, unless
// the node opts out or brings its own rules. Tokyo; 2026-03-07 is a Saturday.
const weekdays10to18: DeliveryWindowRule[] = [{ days: [1, 2, 3, 4, 5], from: '10:00', to: '18:00' }];
const weekend: DeliveryWindowRule[] = [{ days: [6, 7], from: '10:00', to: '12:00' }, { days: [6, 7], from: '14:00', to: '16:00' }];

const send = (delivery?: NodeData<'send'>['delivery']): NodeData<'send'> => ({ messages: [{ type: 'text', text: 'hi' }], ...(delivery ? { delivery } : {}) });

describe('send delivery windows', () => {
  test.each<[string, NodeData<'send'>, DeliveryWindowRule[], string, string | undefined]>([
    ['no workspace window: now', send(), [], '2026-03-07T03:00:00Z', undefined],
    ['workspace window, Saturday noon: held to Monday 10:00', send(), weekdays10to18, '2026-03-07T03:00:00Z', '2026-03-09T01:00:00.000Z'],
    ['workspace window, inside it: now', send({ mode: 'workspace' }), weekdays10to18, '2026-03-09T03:00:00Z', undefined],
    ['opted out: now', send({ mode: 'off' }), weekdays10to18, '2026-03-07T03:00:00Z', undefined],
    ['own weekend windows, Saturday 12:30: 14:00', send({ mode: 'custom', windows: weekend }), weekdays10to18, '2026-03-07T03:30:00Z', '2026-03-07T05:00:00.000Z'],
    ['own weekend windows, Saturday 11:00: now', send({ mode: 'custom', windows: weekend }), weekdays10to18, '2026-03-07T02:00:00Z', undefined],
  ])('%s', (_name, data, deliveryWindows, now, dueAt) => {
    const g = graph([['t', 'trigger', manualTrigger], ['s', 'send', data]], ['t:next -> s']);
    const effect = run({ graph: g, now, deliveryWindows }).effects.find((e) => e.kind === 'send');
    expect(effect).toBeDefined();
    expect(effect && 'dueAt' in effect ? effect.dueAt : undefined).toBe(dueAt);
  });
});
