import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScenarioApi } from '../src/api/ScenarioApi.ts';
import type { ScenarioSummary } from '../src/api/types.ts';
import { ScenarioListPage } from '../src/scenarios/ScenarioListPage.tsx';
import { signedInForTests } from './support/fake-accounts.ts';
import { renderWithApi } from './setup.tsx';

describe('scenario priority on the list', () => {
  beforeEach(() => signedInForTests(['ws1']));
  afterEach(cleanup);

  /** Just what the list calls, over two scenarios. */
  function api() {
    const rows: ScenarioSummary[] = [
      { id: 's1', name: 'あいさつ', state: 'active', publishedVersion: 1, draftRevision: 1, runningCount: 0, priority: 100, updatedAt: '2026-04-01T00:00:00.000Z' },
      { id: 's2', name: 'クーポン', state: 'active', publishedVersion: 1, draftRevision: 1, runningCount: 0, priority: 20, updatedAt: '2026-04-01T00:00:00.000Z' },
    ];
    const saved: Array<[string, number]> = [];
    const impl = {
      listScenarios: async () => rows.map((row) => ({ ...row })),
      setScenarioPriority: async (_ws: string, id: string, priority: number) => {
        saved.push([id, priority]);
        const row = rows.find((r) => r.id === id)!;
        row.priority = priority;
        return { ...row };
      },
    } as unknown as ScenarioApi;
    return { impl, saved };
  }

  it('shows each scenario’s priority and saves a new one on Enter; a bad number is refused', async () => {
    const { impl, saved } = api();
    renderWithApi(<ScenarioListPage ws="ws1" />, impl);
    await screen.findAllByTestId('scenario-row');
    expect(screen.getByRole('columnheader', { name: '優先度' })).toBeTruthy();
    // Looked up afresh each time: the list refreshes itself, and a row element held across a
    // refresh would be a detached copy that no longer reaches React.
    const input = (i: number) => within(screen.getAllByTestId('scenario-row')[i]!).getByTestId('scenario-priority') as HTMLInputElement;
    expect([input(0).value, input(1).value]).toEqual(['100', '20']);

    // The list's own refresh can land between the edit and Enter and put the stored value back
    // (what a user would see too: their keystroke is redrawn); edit again until Enter saves it.
    await waitFor(() => {
      if (saved.length === 0) {
        fireEvent.change(input(0), { target: { value: '10' } });
        fireEvent.keyDown(input(0), { key: 'Enter' });
      }
      expect(saved).toEqual([['s1', 10]]);
    });

    fireEvent.change(input(1), { target: { value: '-3' } });
    fireEvent.blur(input(1));
    expect(saved).toEqual([['s1', 10]]);
    expect(input(1).value).toBe('20');
  });
});
