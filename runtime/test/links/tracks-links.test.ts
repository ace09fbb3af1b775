import { createNode, CURRENT_SCHEMA_VERSION, type FlowGraph, type FlowNode, type MessageDraft } from '@lsb/shared';
import { describe, expect, test, vi } from 'vitest';
import type { RunContext } from '../../src/runs/context.ts';
import { engineFriendFor, tracksLinks, type FriendSnapshot } from '../../src/runs/friend-snapshot.ts';

// A click URL is sealed per run (AES-GCM), which a cohort of a million friends must not pay when
// the graph sends no tracked link; a graph that does must still give every run its own URL.

const graphSending = (messages: MessageDraft[]): FlowGraph => ({
  schemaVersion: CURRENT_SCHEMA_VERSION,
  nodes: [
    { ...createNode('trigger', 't', { x: 0, y: 0 }), data: { trigger: { kind: 'manual' }, reentry: 'firstTimeOnly' } } as FlowNode,
    { ...createNode('send', 's', { x: 0, y: 100 }), data: { messages } } as FlowNode,
  ],
  edges: [{ id: 'e', source: 't', sourceHandle: 'next', target: 's' }],
});

const snapshot = { friend: { displayName: '花子', nameKnown: true, facts: {} } } as unknown as FriendSnapshot;
const run = { id: '6f0d3a52-3c1e-4b8f-9a64-1d2e7c5b9f30', friendId: '1d2e7c5b-3c1e-4b8f-9a64-6f0d3a529f30' };

describe('tracked links decide whether a run gets a click URL', () => {
  test('a link in a text or as a button URI is found; plain texts and {name} are not links', () => {
    expect(tracksLinks(graphSending([{ type: 'text', text: '詳しくは {link:abc}' }]))).toBe(true);
    expect(tracksLinks(graphSending([{
      type: 'template', altText: 'お知らせ',
      template: { type: 'buttons', text: 'ご案内', actions: [{ type: 'uri', label: '開く', uri: '{link:abc}' }] },
    } as MessageDraft]))).toBe(true);
    expect(tracksLinks(graphSending([{ type: 'text', text: '{name}さん、セールです https://example.com' }]))).toBe(false);
  });

  test('only a linked graph signs, once per run', () => {
    const clickBaseUrl = vi.fn((friendId: string, runId: string) => `https://x/l/${friendId}.${runId}`);
    const ctx = { clickBaseUrl } as unknown as RunContext;
    expect(engineFriendFor(snapshot, run, ctx, graphSending([{ type: 'text', text: 'こんにちは' }])).clickBaseUrl).toBeUndefined();
    expect(clickBaseUrl).not.toHaveBeenCalled();
    expect(engineFriendFor(snapshot, run, ctx, graphSending([{ type: 'text', text: '{link:abc}' }])).clickBaseUrl).toBe(`https://x/l/${run.friendId}.${run.id}`);
    expect(clickBaseUrl).toHaveBeenCalledTimes(1);
  });
});
