import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { id } from './support/ids.ts';
import path from 'node:path';
import type { FlowGraph } from '../src/flow/language.ts';

/** trigger → wait → branch (case-1 → send, else → tag → end). */
export function sampleGraph(): FlowGraph {
  return {
    schemaVersion: 2,
    nodes: [
      { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' } },
      { id: 'w', type: 'wait', position: { x: 0, y: 160 }, data: { mode: 'dayAt', days: 1, time: '10:00' } },
      { id: 'b', type: 'branch', position: { x: 0, y: 320 }, data: { cases: [{ id: 'case-1', label: '購入済み', condition: { kind: 'tag', tagId: id('tag-bought'), has: true } }] } },
      { id: 's', type: 'send', position: { x: -150, y: 480 }, data: { messages: [{ type: 'text', text: 'クーポンです' }] } },
      { id: 'g', type: 'tag', position: { x: 150, y: 480 }, data: { add: [id('tag-bought')], remove: [] } },
      { id: 'x', type: 'end', position: { x: 150, y: 640 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 't', sourceHandle: 'next', target: 'w' },
      { id: 'e2', source: 'w', sourceHandle: 'next', target: 'b' },
      { id: 'e3', source: 'b', sourceHandle: 'case-1', target: 's' },
      { id: 'e4', source: 'b', sourceHandle: 'else', target: 'g' },
      { id: 'e5', source: 'g', sourceHandle: 'next', target: 'x' },
    ],
  };
}

/** Every JSON graph under shared/fixtures/graphs, recursively, as [relative path, parsed JSON]. */
export function sharedFixtures(): [string, unknown][] {
  const root = path.resolve(import.meta.dirname, '../../shared/fixtures/graphs');
  if (!existsSync(root)) return [];
  const found: [string, unknown][] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.json')) found.push([path.relative(root, full), JSON.parse(readFileSync(full, 'utf8'))]);
    }
  };
  visit(root);
  return found.sort(([a], [b]) => a.localeCompare(b));
}
