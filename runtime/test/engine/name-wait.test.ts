import { describe, expect, test } from 'vitest';
import { initialRunState, step } from '../../src/engine/step.ts';
import type { EngineFriend, RunState } from '../../src/engine/types.ts';
import { facts, graph, manualTrigger, text, TOKYO } from './support.ts';

// A `{name}` with no fallback is never sent as an empty string while LINE's profile is on its way:
// the run waits at the send and enters it again when woken (the profile's arrival wakes it).

const g = graph([
  ['t', 'trigger', manualTrigger],
  ['hello', 'send', text('{name}さん、ようこそ')],
  ['next', 'send', text('次のお知らせ')],
], ['t:next -> hello', 'hello:next -> next']);
const now = new Date('2026-04-01T01:00:00Z');
const nameless: EngineFriend = { displayName: '', nameKnown: false, facts: facts() };
const named: EngineFriend = { displayName: '花子', facts: facts() };
const texts = (effects: ReturnType<typeof step>['effects']) =>
  effects.flatMap((effect) => (effect.kind === 'send' ? effect.messages.map((m) => (m as { type: string; text?: string }).text ?? '') : []));

describe('a send that needs the name', () => {
  test('waits at the node while the name is unknown, sending nothing', () => {
    const result = step({ graph: g, state: initialRunState(7), event: { kind: 'start', triggerNodeId: 't' }, friend: nameless, timeZone: TOKYO, now });
    expect(result.state).toMatchObject({ status: 'waiting', currentNodeId: 'hello', waitingFor: { event: 'profile' } });
    expect(texts(result.effects)).toEqual([]);
    expect(result.effects.some((effect) => effect.kind === 'scheduleWake')).toBe(true);
  });

  test('woken once the name is known, it enters the send again and goes on', () => {
    const parked: RunState = step({ graph: g, state: initialRunState(7), event: { kind: 'start', triggerNodeId: 't' }, friend: nameless, timeZone: TOKYO, now }).state;
    const woken = step({ graph: g, state: parked, event: { kind: 'wake' }, friend: named, timeZone: TOKYO, now });
    expect(texts(woken.effects)).toEqual(['花子さん、ようこそ', '次のお知らせ']);
    expect(woken.state.status).toBe('finished');
    // Woken while still unknown (the backstop timer): it waits again.
    const again = step({ graph: g, state: parked, event: { kind: 'wake' }, friend: nameless, timeZone: TOKYO, now });
    expect(again.state).toMatchObject({ status: 'waiting', currentNodeId: 'hello' });
    expect(texts(again.effects)).toEqual([]);
  });

  test('entering the send again is the same visit: it is not counted as entered twice, and the send keeps the visit', () => {
    const parked: RunState = step({ graph: g, state: initialRunState(7), event: { kind: 'start', triggerNodeId: 't' }, friend: nameless, timeZone: TOKYO, now }).state;
    const stillNameless = step({ graph: g, state: parked, event: { kind: 'wake' }, friend: nameless, timeZone: TOKYO, now });
    const woken = step({ graph: g, state: stillNameless.state, event: { kind: 'wake' }, friend: named, timeZone: TOKYO, now });
    const enteredIn = (effects: ReturnType<typeof step>['effects']) => effects.flatMap((effect) => (effect.kind === 'enteredNode' ? [effect.nodeId] : []));
    expect(enteredIn(stillNameless.effects)).toEqual([]);
    expect(enteredIn(woken.effects)).toEqual(['next']);
    expect(woken.effects.filter((effect) => effect.kind === 'send').map((effect) => effect.kind === 'send' && [effect.nodeId, effect.visit])).toEqual([['hello', 1], ['next', 1]]);
    expect(woken.state.visits).toMatchObject({ hello: 1, next: 1 });
  });

  test('a declared fallback, or no {name} at all, does not wait', () => {
    const withFallback = graph([['t', 'trigger', manualTrigger], ['hello', 'send', text('{name|お客様}へ')]], ['t:next -> hello']);
    const plain = graph([['t', 'trigger', manualTrigger], ['hello', 'send', text('ようこそ')]], ['t:next -> hello']);
    expect(texts(step({ graph: withFallback, state: initialRunState(1), event: { kind: 'start', triggerNodeId: 't' }, friend: nameless, timeZone: TOKYO, now }).effects)).toEqual(['お客様へ']);
    expect(texts(step({ graph: plain, state: initialRunState(1), event: { kind: 'start', triggerNodeId: 't' }, friend: nameless, timeZone: TOKYO, now }).effects)).toEqual(['ようこそ']);
  });
});
