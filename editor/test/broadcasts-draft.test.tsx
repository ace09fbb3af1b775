import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { BROADCAST_ERROR_CODES } from '@lsb/shared/api';
import { ApiError } from '../src/api/errors.ts';
import { draftProblems, emptyDraft, localNow, statusGroup } from '../src/broadcasts/draft.ts';
import { useBroadcastErrorText } from '../src/broadcasts/useBroadcastErrorText.ts';
import { i18n } from '../src/i18n/index.ts';

// What stops a broadcast before any request, and each refusal code of the contract in words.

describe('broadcast drafts', () => {
  const at = new Date('2026-04-10T00:30:00.000Z'); // 09:30 in Tokyo, still the 9th in New York

  it('reads the wall clock in the workspace zone', () => {
    expect(localNow('Asia/Tokyo', at)).toBe('2026-04-10T09:30');
    expect(localNow('America/New_York', at)).toBe('2026-04-09T20:30');
  });

  it('names what is missing: a name, messages within LINE limits, a future time in the zone', () => {
    expect(draftProblems(emptyDraft(), 'Asia/Tokyo', at)).toEqual(['name_required', 'invalid_messages']);
    const ok = { ...emptyDraft(), name: '春のセール', messages: [{ type: 'text' as const, text: 'こんにちは' }] };
    expect(draftProblems(ok, 'Asia/Tokyo', at)).toEqual([]);
    expect(draftProblems({ ...ok, messages: [] }, 'Asia/Tokyo', at)).toEqual(['invalid_messages']);
    expect(draftProblems({ ...ok, messages: Array(6).fill(ok.messages[0]) }, 'Asia/Tokyo', at)).toEqual(['invalid_messages']);
    expect(draftProblems({ ...ok, messages: [{ type: 'text', text: 'x'.repeat(5001) }] }, 'Asia/Tokyo', at)).toEqual(['invalid_messages']);
    // 09:00 has passed in Tokyo; 21:00 on the 9th is still to come in New York.
    expect(draftProblems({ ...ok, schedule: { kind: 'at', at: '2026-04-10T09:00' } }, 'Asia/Tokyo', at)).toEqual(['time_in_past']);
    expect(draftProblems({ ...ok, schedule: { kind: 'at', at: '2026-04-10T09:31' } }, 'Asia/Tokyo', at)).toEqual([]);
    expect(draftProblems({ ...ok, schedule: { kind: 'at', at: '2026-04-09T21:00' } }, 'America/New_York', at)).toEqual([]);
    expect(draftProblems({ ...ok, schedule: { kind: 'at', at: 'T10:00' } }, 'Asia/Tokyo', at)).toEqual(['time_required']);
  });

  it('groups statuses as the list shows them', () => {
    expect(['draft', 'scheduled', 'running', 'paused', 'done', 'cancelled'].map((s) => statusGroup(s as never)))
      .toEqual(['drafts', 'scheduled', 'sending', 'sending', 'finished', 'finished']);
  });
});

function Words({ error }: { error: unknown }) {
  return <p data-testid="words">{useBroadcastErrorText()(error)}</p>;
}

describe('broadcast refusals in words', () => {
  afterEach(() => {
    cleanup();
    void i18n.changeLanguage('ja');
  });
  const details: Record<string, unknown> = { over_quota: { needed: 1200, remaining: 900 }, broadcast_state: { status: 'running' } };
  const expected: Record<string, RegExp> = {
    empty_audience: /配信対象が0人/,
    time_in_past: /過去の日時/,
    over_quota: /必要 1,200通・残り 900通/,
    invalid_messages: /LINEの上限/,
    invalid_audience: /存在しないセグメント/,
    no_testers: /テスターがいません/,
    broadcast_state: /今「配信中」のため/,
  };
  it.each(BROADCAST_ERROR_CODES.map((code) => [code]))('%s has its own sentence in ja and en', (code) => {
    const error = new ApiError(422, code, code, details[code]);
    const { unmount } = render(<I18nextProvider i18n={i18n}><Words error={error} /></I18nextProvider>);
    expect(screen.getByTestId('words').textContent).toMatch(expected[code]!);
    expect(screen.getByTestId('words').textContent).not.toMatch(/[{}]|bc\.errors/);
    unmount();
    void i18n.changeLanguage('en');
    render(<I18nextProvider i18n={i18n}><Words error={error} /></I18nextProvider>);
    expect(screen.getByTestId('words').textContent).not.toMatch(/[{}]|bc\.errors|[ぁ-ん]/);
  });
});
