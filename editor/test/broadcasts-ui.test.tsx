import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Api from '@lsb/shared/api';
import { ApiProvider } from '../src/api/ApiContext.tsx';
import { BroadcastPage } from '../src/broadcasts/BroadcastPage.tsx';
import { BroadcastsPage } from '../src/broadcasts/BroadcastsPage.tsx';
import { emptyDraft } from '../src/broadcasts/draft.ts';
import { TesterToggle } from '../src/broadcasts/TesterToggle.tsx';
import { i18n, setLang } from '../src/i18n/index.ts';
import { paths } from '../src/routing/router.ts';
import { signedInForTests } from './support/fake-accounts.ts';
import { friend, installFakeBroadcasts, occurrenceProgress } from './support/fake-broadcasts.ts';
import { Failure } from './support/fake-route.ts';
import { createFakeApi } from './support/fake-runtime.ts';
import { id, WS1 } from './support/ids.ts';

// The 一斉配信 pages against the broadcast routes played over MSW (answers checked against the
// shared schemas): compose with the live count and quota, schedule, test-send, progress with
// pause/resume/cancel, results, the list, a viewer's disabled controls, the tester switch.

const SEGMENT = id('segment-women');
const BIRTHDAY = id('field-birthday');
const LINK = id('link-coupon');

function setup() {
  const api = createFakeApi();
  api.controls.catalogues.set(WS1, {
    tags: [{ id: id('tag-bought'), name: '購入済み' }], tagFolders: [],
    fields: [{ id: BIRTHDAY, name: '誕生日', kind: 'date' }], inflowRoutes: [], scenarios: [],
    links: [{ id: LINK, name: 'クーポンページ', url: 'https://example.com/coupon' }],
    segments: [{ id: SEGMENT, name: '女性' }],
  });
  return { api, bc: installFakeBroadcasts() };
}

const show = (node: ReactNode, api: ReturnType<typeof createFakeApi>) =>
  render(<I18nextProvider i18n={i18n}><ApiProvider api={api}>{node}</ApiProvider></I18nextProvider>);

function stored(bc: ReturnType<typeof installFakeBroadcasts>, over: Partial<Api.Broadcast>): Api.Broadcast {
  const b: Api.Broadcast = {
    ...emptyDraft(), name: '春のクーポン', messages: [{ type: 'coupon', couponId: 'spring-10' }],
    id: id(`stored-${bc.controls.broadcasts.size}`), status: 'draft', nextAt: null, personalised: false,
    createdAt: '2026-04-01T00:00:00.000Z', updatedAt: '2026-04-01T00:00:00.000Z', ...over,
  };
  bc.controls.broadcasts.set(b.id, b);
  return b;
}

beforeEach(() => {
  signedInForTests([WS1]);
  window.history.replaceState(null, '', '/');
});
afterEach(() => {
  cleanup();
  act(() => setLang('ja'));
});

describe('composing a broadcast', () => {
  it('counts the audience live with the quota it uses, saves, refuses a past time and schedules after confirming', async () => {
    const { api, bc } = setup();
    window.history.replaceState(null, '', paths.broadcast(WS1, 'new'));
    show(<BroadcastPage ws={WS1} broadcastId="new" />, api);

    expect((await screen.findByTestId('bc-recipients')).textContent).toBe('配信対象 42人');
    expect(screen.getByTestId('bc-quota').textContent).toBe('今月のLINEメッセージ通数: 残り 900通（上限 1,000通・使用済み 100通）。この配信で 42通を使い、残りは 858通になります。');
    expect(bc.controls.bodies.preview?.at(-1)).toEqual({ audience: { kind: 'all' }, exclusions: [], options: { skipWaitingForReply: false, respectCaps: true } });

    // A saved segment, friends waiting for a reply left out, a condition excluded: the count follows.
    fireEvent.click(screen.getByTestId('bc-audience-segment'));
    expect((screen.getByTestId('bc-audience-segment-select') as HTMLSelectElement).value).toBe(SEGMENT);
    fireEvent.click(screen.getByTestId('bc-skip-waiting'));
    fireEvent.click(screen.getByTestId('bc-exclude-segment'));
    await waitFor(() => expect(bc.controls.bodies.preview?.at(-1)).toEqual({
      audience: { kind: 'segment', segmentId: SEGMENT }, exclusions: [{ kind: 'segment', segmentId: SEGMENT }], options: { skipWaitingForReply: true, respectCaps: true },
    }));
    fireEvent.click(screen.getByTestId('bc-exclusion-remove'));

    // The send node's composer and phone preview.
    fireEvent.change(screen.getByTestId('bc-name'), { target: { value: '女性限定クーポン' } });
    fireEvent.change(screen.getByTestId('message-type'), { target: { value: 'coupon' } });
    fireEvent.change(screen.getByTestId('coupon-id'), { target: { value: 'women-20' } });
    expect(within(screen.getByTestId('phone-preview')).getByTestId('preview-coupon').textContent).toContain('women-20');

    fireEvent.click(screen.getByTestId('bc-save'));
    expect((await screen.findByTestId('bc-notice')).textContent).toBe('保存しました');
    const created = [...bc.controls.broadcasts.values()][0]!;
    expect(created).toMatchObject({ name: '女性限定クーポン', messages: [{ type: 'coupon', couponId: 'women-20' }], audience: { kind: 'segment', segmentId: SEGMENT } });
    expect(window.location.pathname).toBe(paths.broadcast(WS1, created.id));

    // A time that has passed (in the workspace zone) is named before anything is sent.
    fireEvent.click(screen.getByTestId('bc-schedule-at'));
    fireEvent.change(screen.getByTestId('bc-schedule-date'), { target: { value: '2020-01-01' } });
    fireEvent.click(screen.getByTestId('bc-start'));
    expect(screen.getByTestId('bc-problem').textContent).toBe('過去の日時には予約できません。未来の日時を指定してください。');
    expect(bc.controls.calls).not.toContain('start');

    fireEvent.change(screen.getByTestId('bc-schedule-date'), { target: { value: '2099-12-31' } });
    fireEvent.change(screen.getByTestId('bc-schedule-time'), { target: { value: '18:30' } });
    expect(screen.queryByTestId('bc-problems')).toBeNull();
    fireEvent.click(screen.getByTestId('bc-start'));
    expect(screen.getByTestId('bc-confirm-text').textContent).toBe('2099-12-31 18:30に配信を予約します。よろしいですか？');
    fireEvent.click(screen.getByTestId('bc-confirm'));
    await waitFor(() => expect(screen.getByTestId('bc-status').textContent).toBe('予約済み'));
    expect(bc.controls.broadcasts.get(created.id)).toMatchObject({ status: 'scheduled', schedule: { kind: 'at', at: '2099-12-31T18:30' } });
    expect(await screen.findByTestId('bc-scheduled-note')).toBeTruthy();
    expect((await screen.findByTestId('bc-progress-waiting')).textContent).toMatch(/に配信を開始します。$/);
    expect(screen.getByTestId('bc-schedule-zone').textContent).toBe('日時はワークスペースのタイムゾーン（Asia/Tokyo）です。');
  });

  it('refuses when the quota left this month is too small, warns when it is nearly used, and says why LINE refused a start', async () => {
    const { api, bc } = setup();
    bc.controls.preview = () => ({ audience: 42, skipped: { waiting_for_reply: 2, over_cap: 0 }, recipients: 40, quotaNeeded: 40, quota: { limit: 1000, used: 990, remaining: 10 }, withinQuota: false });
    const b = stored(bc, {});
    show(<BroadcastPage ws={WS1} broadcastId={b.id} />, api);
    expect((await screen.findByTestId('bc-over-quota')).textContent).toBe('今月の残り通数（10通）を 30通超えるため配信できません。配信先を絞り込むか、LINE公式アカウントのプランを見直してください。');
    expect(screen.getByTestId('bc-count-breakdown').textContent).toBe('該当 42人 − 返信待ち 2人 − 上限到達 0人');
    expect((screen.getByTestId('bc-start') as HTMLButtonElement).disabled).toBe(true);
    cleanup();

    bc.controls.preview = () => ({ audience: 45, skipped: { waiting_for_reply: 0, over_cap: 0 }, recipients: 45, quotaNeeded: 45, quota: { limit: 1000, used: 950, remaining: 50 }, withinQuota: true });
    show(<BroadcastPage ws={WS1} broadcastId={b.id} />, api);
    expect((await screen.findByTestId('bc-near-quota')).textContent).toBe('注意: この配信で今月の残り通数の90%を使います。');
    bc.controls.refuse.set('start', new Failure(422, 'over_quota', { needed: 45, remaining: 30 }));
    fireEvent.click(screen.getByTestId('bc-start'));
    expect(screen.getByTestId('bc-confirm-text').textContent).toBe('45人に今すぐ配信します。よろしいですか？');
    fireEvent.click(screen.getByTestId('bc-confirm'));
    expect((await screen.findByTestId('bc-error')).textContent).toBe('今月のLINEの残り通数が足りません（必要 45通・残り 30通）。配信先を絞り込んでください。');
    expect(bc.controls.broadcasts.get(b.id)!.status).toBe('draft');
  });

  it('shows no one to send to as a refusal', async () => {
    const { api, bc } = setup();
    bc.controls.preview = () => ({ audience: 0, skipped: { waiting_for_reply: 0, over_cap: 0 }, recipients: 0, quotaNeeded: 0, quota: null, withinQuota: true });
    show(<BroadcastPage ws={WS1} broadcastId={stored(bc, {}).id} />, api);
    expect((await screen.findByTestId('bc-count-empty')).textContent).toBe('配信対象が0人です。配信先や除外の条件を見直してください。');
    expect(screen.getByTestId('bc-quota').textContent).toContain('取得できませんでした');
    expect((screen.getByTestId('bc-start') as HTMLButtonElement).disabled).toBe(true);
  });

  it('offers the birthday-month audience for a monthly broadcast', async () => {
    const { api, bc } = setup();
    show(<BroadcastPage ws={WS1} broadcastId={stored(bc, {}).id} />, api);
    fireEvent.click(await screen.findByTestId('bc-schedule-monthly'));
    fireEvent.change(screen.getByTestId('bc-schedule-day'), { target: { value: '31' } });
    expect(screen.getByTestId('bc-birthday-hint').textContent).toContain('誕生月クーポン');
    fireEvent.click(screen.getByTestId('bc-birthday-apply'));
    await waitFor(() => expect(bc.controls.bodies.preview?.at(-1)).toMatchObject({ audience: { kind: 'condition', condition: { kind: 'birthdayMonth', fieldId: BIRTHDAY, month: 'current' } } }));
    expect(screen.getByTestId('bc-audience-condition-editor').textContent).toContain('誕生月');
    fireEvent.click(screen.getByTestId('bc-start'));
    expect(screen.getByTestId('bc-confirm-text').textContent).toBe('毎月31日 10:00の配信を開始します。よろしいですか？');
  });
});

describe('test-send', () => {
  it('names the testers and sends what is composed to them', async () => {
    const { api, bc } = setup();
    bc.controls.testers = [friend('佐藤', { isTester: true }), friend('鈴木', { isTester: true })];
    show(<BroadcastPage ws={WS1} broadcastId="new" />, api);
    expect((await screen.findAllByTestId('bc-tester')).map((a) => a.textContent)).toEqual(['佐藤', '鈴木']);
    expect(screen.getAllByTestId('bc-tester')[0]!.getAttribute('href')).toBe(paths.friend(WS1, id('friend-佐藤')));
    fireEvent.change(screen.getByTestId('bc-name'), { target: { value: 'テスト' } });
    fireEvent.change(screen.getByTestId('message-text'), { target: { value: 'こんにちは' } });
    fireEvent.click(screen.getByTestId('bc-test-send'));
    expect((await screen.findByTestId('bc-test-sent')).textContent).toBe('2人のテスターに送信しました: 佐藤、鈴木');
    expect(bc.controls.calls.filter((c) => c === 'create' || c === 'test')).toEqual(['create', 'test']);
  });

  it('says how to get testers when there are none', async () => {
    const { api, bc } = setup();
    show(<BroadcastPage ws={WS1} broadcastId={stored(bc, {}).id} />, api);
    expect((await screen.findByTestId('bc-testers-none')).textContent).toContain('友だちのページで「テスター」にチェック');
    expect((screen.getByTestId('bc-test-send') as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('sending and results', () => {
  it('follows the progress live, pauses, resumes and cancels after a confirmation with the numbers', async () => {
    const { api, bc } = setup();
    const b = stored(bc, { status: 'running' });
    bc.controls.progress.set(b.id, occurrenceProgress(b.id, 'running', { recipients: 100, sent: 40 }));
    show(<BroadcastPage ws={WS1} broadcastId={b.id} />, api);
    expect((await screen.findByTestId('bc-progress-sent')).textContent).toBe('40');
    expect(screen.getByTestId('bc-progress-remaining').textContent).toBe('60');
    expect(screen.queryByTestId('bc-composer')).toBeNull();

    bc.controls.progress.set(b.id, occurrenceProgress(b.id, 'running', { recipients: 100, sent: 70, failed: 2, blocked: 3 }));
    await waitFor(() => expect(screen.getByTestId('bc-progress-sent').textContent).toBe('70'));
    expect(screen.getByTestId('bc-progress-failed').textContent).toBe('2');
    expect(screen.getByTestId('bc-progress-skipped').textContent).toBe('3');
    expect(screen.getByTestId('bc-progress-remaining').textContent).toBe('25');
    expect(screen.getByTestId('bc-progress-bar').getAttribute('aria-valuenow')).toBe('75');

    fireEvent.click(screen.getByTestId('bc-pause'));
    expect((await screen.findByTestId('bc-progress-paused')).textContent).toBe('一時停止中です。再開すると続きから送ります。');
    expect(screen.getByTestId('bc-status').textContent).toBe('一時停止中');
    fireEvent.click(screen.getByTestId('bc-resume'));
    await waitFor(() => expect(screen.getByTestId('bc-status').textContent).toBe('配信中'));

    fireEvent.click(screen.getByTestId('bc-cancel'));
    expect(screen.getByTestId('bc-cancel-text').textContent).toBe('まだ送っていない25人には送られません。送信済みの70人はそのままです。');
    fireEvent.click(screen.getByTestId('bc-cancel-back'));
    expect(bc.controls.calls).not.toContain('cancel');
    fireEvent.click(screen.getByTestId('bc-cancel'));
    fireEvent.click(screen.getByTestId('bc-cancel-confirm'));
    expect((await screen.findByTestId('bc-progress-cancelled')).textContent).toBe('配信を中止しました。');
    expect(bc.controls.broadcasts.get(b.id)!.status).toBe('cancelled');
  });

  it('moves from sending to its results when the progress bar finishes', async () => {
    const { api, bc } = setup();
    const b = stored(bc, { status: 'running' });
    bc.controls.progress.set(b.id, occurrenceProgress(b.id, 'running', { recipients: 100, sent: 90 }));
    show(<BroadcastPage ws={WS1} broadcastId={b.id} />, api);
    await screen.findByTestId('bc-progress-sent');
    expect(screen.queryByTestId('bc-results')).toBeNull();
    const occ = occurrenceProgress(b.id, 'done', { recipients: 100, sent: 95, failed: 2, blocked: 3 }).occurrence!;
    bc.controls.results.set(b.id, {
      broadcastId: b.id,
      occurrences: [{
        id: occ.id, key: 'once', startedAt: occ.startedAt, finishedAt: occ.finishedAt, recipients: 100, delivered: 95, failed: 2,
        skipped: { blocked: 3, waiting_for_reply: 0, over_cap: 0 },
        failures: [{ status: 400, reason: 'Failed to send messages', count: 2 }],
        clicks: [{ linkId: LINK, clicks: 12, friends: 9 }],
      }],
    });
    b.status = 'done';
    bc.controls.progress.set(b.id, occurrenceProgress(b.id, 'done', { recipients: 100, sent: 95, failed: 2, blocked: 3 }));

    expect((await screen.findByTestId('bc-progress-done')).textContent).toBe('配信が完了しました。');
    const row = await screen.findByTestId('bc-results-row');
    expect(within(row).getByTestId('bc-results-recipients').textContent).toBe('100');
    expect(within(row).getByTestId('bc-results-delivered').textContent).toBe('95');
    expect(within(row).getByTestId('bc-results-failed').textContent).toBe('2');
    expect(within(row).getByTestId('bc-results-blocked').textContent).toBe('3');
    expect(screen.getByTestId('bc-failure-row').textContent).toBe('400Failed to send messages2');
    expect(screen.getByTestId('bc-click-row').textContent).toBe('クーポンページ129');
    expect(screen.getByTestId('bc-results-chart').querySelector('svg')).not.toBeNull();
    expect(screen.getByTestId('bc-clicks-chart').querySelector('svg')).not.toBeNull();
    expect(screen.getByTestId('bc-summary')).toBeTruthy();
  });
});

describe('the list', () => {
  it('shows each broadcast by state with its counts', async () => {
    const { api, bc } = setup();
    stored(bc, { name: '下書きA' });
    stored(bc, { name: '予約B', status: 'scheduled', schedule: { kind: 'at', at: '2099-01-02T10:00' }, nextAt: '2099-01-02T01:00:00.000Z' });
    const done = stored(bc, { name: '完了C', status: 'done' });
    bc.controls.progress.set(done.id, occurrenceProgress(done.id, 'done', { recipients: 120, sent: 118 }));
    show(<BroadcastsPage ws={WS1} />, api);
    await waitFor(() => expect(screen.getAllByTestId('broadcast-row')).toHaveLength(3));
    expect(screen.getByTestId('bc-group-scheduled').textContent).toBe('予約中 (1)');
    const last = screen.getAllByTestId('broadcast-row')[2]!;
    expect(within(last).getByTestId('broadcast-status').textContent).toBe('完了');
    expect(within(last).getByTestId('broadcast-recipients').textContent).toBe('120');
    expect(within(last).getByTestId('broadcast-sent').textContent).toBe('118');
    fireEvent.click(screen.getByTestId('bc-group-scheduled'));
    expect(screen.getAllByTestId('broadcast-link').map((a) => a.textContent)).toEqual(['予約B']);
    fireEvent.click(screen.getByTestId('bc-group-sending'));
    expect(screen.getByTestId('broadcasts-empty-group')).toBeTruthy();
  });

  it('reads in English', async () => {
    const { api, bc } = setup();
    act(() => setLang('en'));
    stored(bc, { name: 'Spring' });
    show(<BroadcastsPage ws={WS1} />, api);
    expect(await screen.findByText('Broadcasts')).toBeTruthy();
    expect((await screen.findByTestId('broadcast-status')).textContent).toBe('Draft');
    cleanup();
    show(<BroadcastPage ws={WS1} broadcastId="new" />, api);
    expect((await screen.findByTestId('bc-recipients')).textContent).toBe('42 recipients');
    expect(screen.getByTestId('bc-title').textContent).toBe('New broadcast');
  });
});

describe('roles and testers', () => {
  it('gives a viewer the pages read-only with the reason', async () => {
    signedInForTests([WS1], 'viewer');
    const { api, bc } = setup();
    show(<BroadcastsPage ws={WS1} />, api);
    expect((await screen.findByTestId('bc-new') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('broadcasts-readonly').textContent).toContain('編集者');
    cleanup();
    const draft = stored(bc, {});
    show(<BroadcastPage ws={WS1} broadcastId={draft.id} />, api);
    expect((await screen.findByTestId('bc-readonly-fieldset') as HTMLFieldSetElement).disabled).toBe(true);
    expect(screen.getByTestId('bc-readonly').textContent).toContain('編集者');
    // The count is a read: a viewer still sees who it would reach.
    expect((await screen.findByTestId('bc-recipients')).textContent).toBe('配信対象 42人');
    cleanup();
    const running = stored(bc, { status: 'running' });
    bc.controls.progress.set(running.id, occurrenceProgress(running.id, 'running', { recipients: 10, sent: 1 }));
    show(<BroadcastPage ws={WS1} broadcastId={running.id} />, api);
    expect((await screen.findByTestId('bc-pause') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('bc-cancel') as HTMLButtonElement).disabled).toBe(true);
  });

  it('marks a friend as tester from the friend page', async () => {
    const { api, bc } = setup();
    show(<TesterToggle ws={WS1} friendId={id('friend-佐藤')} isTester={false} />, api);
    fireEvent.click(screen.getByTestId('friend-tester-toggle'));
    expect((await screen.findByTestId('friend-tester-notice')).textContent).toBe(' テスターに設定しました');
    expect((screen.getByTestId('friend-tester-toggle') as HTMLInputElement).checked).toBe(true);
    expect(bc.controls.bodies.setTester).toEqual([{ tester: true }]);
  });
});
