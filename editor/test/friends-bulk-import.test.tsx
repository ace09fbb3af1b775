import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CatalogueApi } from '../src/api/CatalogueApi.ts';
import { CatalogueApiProvider } from '../src/api/CatalogueApiContext.tsx';
import { ApiProvider } from '../src/api/ApiContext.tsx';
import type { ScenarioApi } from '../src/api/ScenarioApi.ts';
import { ApiError } from '../src/api/errors.ts';
import type { WorkspaceCatalogue } from '../src/api/types.ts';
import { FieldsPage } from '../src/catalogue/FieldsPage.tsx';
import { FriendPage } from '../src/friends/FriendPage.tsx';
import { FriendsPage } from '../src/friends/FriendsPage.tsx';
import { i18n } from '../src/i18n/index.ts';
import { SegmentsPage } from '../src/segments/SegmentsPage.tsx';
import { SegmentsApiProvider, type FriendJob, type ImportPreview, type SegmentsApi } from '../src/segments/SegmentsApi.ts';
import { signedInForTests } from './support/fake-accounts.ts';

// The pages disable what a role may not use: these tests act as the workspace's owner.
beforeEach(() => signedInForTests(['ws1']));

// The friends page acts on the whole filter only after a confirmation that states the count, shows
// a job's progress to its end, and an import shows every bad row before anything is applied.

const VIP = '11111111-1111-4111-8111-111111111111';
const catalogue: WorkspaceCatalogue = {
  tags: [{ id: VIP, name: 'VIP' }], tagFolders: [], fields: [{ id: 'f-pref', name: '都道府県', kind: 'text', choices: [] }],
  inflowRoutes: [], scenarios: [{ id: 's1', name: 'ウェルカム' }], links: [],
};
const catalogueApi = {
  getCatalogue: async () => structuredClone(catalogue),
  getFriend: async () => ({
    id: 'a', channelId: 'c', lineUserId: 'U1', displayName: '佐藤', status: 'active', inflowRouteId: null, registeredAt: '2026-03-01T00:00:00.000Z', lastReactionAt: null,
    tagIds: [VIP], fields: {}, runs: [],
    timeline: [
      { kind: 'field_set', detail: { fieldId: 'f-pref', value: '京都府', by: 'import' }, at: '2026-03-02T01:00:00.000Z' },
      { kind: 'tag_added', detail: { tagId: VIP, by: 'bulk' }, at: '2026-03-01T01:00:00.000Z' },
    ],
  }),
} as unknown as CatalogueApi;

function job(over: Partial<FriendJob>): FriendJob {
  return { id: 'job1', kind: 'tags', status: 'running', total: 1234, processed: 0, changed: 0, errors: [], createdAt: '2026-04-01T00:00:00.000Z', finishedAt: null, ...over };
}

function segmentsApi(over: Partial<SegmentsApi> = {}): SegmentsApi {
  return {
    listSegments: async () => ({ segments: [] }),
    queryFriends: async () => ({
      friends: [{ id: 'a', channelId: 'c', lineUserId: 'U1', displayName: '佐藤', status: 'active', inflowRouteId: null, registeredAt: '2026-03-01T00:00:00.000Z', lastReactionAt: null, fields: { 'f-pref': '東京都' }, tagIds: [VIP] }],
      nextCursor: 'next',
    }),
    countFriends: async () => ({ count: 1234 }),
    ...over,
  } as SegmentsApi;
}

const show = (node: React.ReactNode, api: SegmentsApi) => render(
  <I18nextProvider i18n={i18n}>
    <ApiProvider api={{} as ScenarioApi}>
      <CatalogueApiProvider api={catalogueApi}><SegmentsApiProvider api={api}>{node}</SegmentsApiProvider></CatalogueApiProvider>
    </ApiProvider>
  </I18nextProvider>,
);

describe('friends page', () => {
  afterEach(cleanup);

  it('bulk tagging states the count of the whole filter, then shows the job to its end', async () => {
    const bulkTags = vi.fn(async () => job({}));
    let polls = 0;
    const getJob = vi.fn(async () => (++polls < 2 ? job({ processed: 600 }) : job({ status: 'done', processed: 1234, changed: 1200 })));
    show(<FriendsPage ws="ws1" />, segmentsApi({ bulkTags, getJob }));
    expect(await screen.findByText('1234人が該当')).toBeTruthy();
    await screen.findByTestId('friend-row');
    fireEvent.change(screen.getByTestId('bulk-target'), { target: { value: VIP } });
    fireEvent.click(screen.getByTestId('bulk-review'));
    const dialog = await screen.findByTestId('bulk-dialog');
    expect(within(dialog).getByTestId('bulk-confirm-text').textContent).toBe('絞り込んだ1234人（表示中のページ以外も含む）にタグ「VIP」を付けます。');
    expect(bulkTags).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByTestId('bulk-confirm'));
    await within(dialog).findByTestId('job-progress');
    expect(bulkTags).toHaveBeenCalledWith('ws1', {}, { add: [VIP], remove: [] });
    expect((await within(dialog).findByTestId('job-done', {}, { timeout: 3000 })).textContent).toBe('完了しました（1200人を変更）');
  });

  it('chosen columns show field values and tags', async () => {
    show(<FriendsPage ws="ws1" />, segmentsApi());
    await screen.findByTestId('friend-row');
    fireEvent.click(await screen.findByText('都道府県'));
    fireEvent.click(screen.getByText(/タグ: VIP/));
    expect((await screen.findByTestId('friend-cell-field')).textContent).toBe('東京都');
    expect(screen.getByTestId('friend-cell-tag').textContent).toBe('●');
  });

  it('an import preview lists each bad row in words; only then are the good rows applied', async () => {
    const preview: ImportPreview = {
      encoding: 'shift_jis', rows: 3, valid: 1, errorCount: 2,
      columns: [{ header: 'LINEユーザーID', role: 'lineUserId', name: 'LINEユーザーID' }, { header: '都道府県', role: 'field', name: '都道府県' }],
      sample: [{ line: 2, lineUserId: 'U1', displayName: '佐藤', fields: { 'f-pref': '京都府' }, addTagIds: [], removeTagIds: [] }],
      errors: [
        { line: 3, lineUserId: 'U2', code: 'invalid_number', message: '', column: '購入金額', value: 'abc' },
        { line: 4, lineUserId: 'U9', code: 'unknown_friend', message: '' },
      ],
    };
    const startImport = vi.fn(async () => job({ kind: 'import', total: 1, errors: preview.errors }));
    const getJob = vi.fn(async () => job({ kind: 'import', total: 1, processed: 1, changed: 1, status: 'done', errors: preview.errors }));
    show(<FriendsPage ws="ws1" />, segmentsApi({ previewImport: async () => preview, startImport, getJob }));
    fireEvent.click(await screen.findByTestId('friends-import'));
    const file = new File(['x'], 'friends.csv', { type: 'text/csv' });
    fireEvent.change(await screen.findByTestId('import-file'), { target: { files: [file] } });
    expect((await screen.findByTestId('import-summary')).textContent).toBe('3行のうち1行を取り込めます。エラーの2行は何も変更しません。（文字コード: Shift_JIS）');
    const rows = screen.getAllByTestId('import-error-row').map((r) => r.textContent);
    expect(rows).toEqual(['3U2「購入金額」: 「abc」は数値ではありません', '4U9このLINEユーザーIDの友だちはいません']);
    expect(startImport).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('import-start'));
    expect((await screen.findByTestId('job-done', {}, { timeout: 3000 })).textContent).toBe('1行を取り込みました');
    expect(startImport).toHaveBeenCalledWith('ws1', file);
  });

  it('a file over the limit is refused before uploading; a refused file names the unknown columns', async () => {
    const previewImport = vi.fn(async () => { throw new ApiError(422, 'unknown_columns', 'x', { fields: ['血液型'], tags: ['存在しない'] }); });
    show(<FriendsPage ws="ws1" />, segmentsApi({ previewImport }));
    fireEvent.click(await screen.findByTestId('friends-import'));
    const huge = new File(['x'], 'big.csv');
    Object.defineProperty(huge, 'size', { value: 31 * 1024 * 1024 });
    fireEvent.change(await screen.findByTestId('import-file'), { target: { files: [huge] } });
    expect((await screen.findByTestId('import-problem')).textContent).toBe('ファイルが大きすぎます（30MBまで）。分けて取り込んでください。');
    expect(previewImport).not.toHaveBeenCalled();
    fireEvent.change(screen.getByTestId('import-file'), { target: { files: [new File(['x'], 'a.csv')] } });
    await waitFor(() => expect(screen.getByTestId('import-problem').textContent).toBe('存在しない友だち情報欄やタグの列があります: 血液型、タグ:存在しない。先に作成するか、列を削除してください。'));
  });
});

describe('segments page', () => {
  afterEach(cleanup);

  it('shows the live count as the condition is edited, states the publish rule, and names a cycle', async () => {
    const updateSegment = vi.fn(async () => { throw new ApiError(422, 'segment_cycle', 'x', { cycle: ['VIP', '高額', 'VIP'] }); });
    const api = segmentsApi({
      listSegments: async () => ({ segments: [{ id: 'seg1', name: 'VIP', condition: { kind: 'tag', tagId: VIP, has: true }, updatedAt: '2026-04-01T00:00:00.000Z', usedBy: [{ scenarioId: 's1', name: 'ウェルカム' }], count: 42 }] }),
      countCondition: async () => ({ count: 42 }),
      sampleCondition: async () => ({ friends: [] }),
      updateSegment,
    });
    show(<SegmentsPage ws="ws1" />, api);
    expect((await screen.findByTestId('segment-count')).textContent).toBe('42人');
    fireEvent.click(screen.getByText('VIP'));
    expect((await screen.findByText('現在 42人が該当', {}, { timeout: 3000 })).textContent).toBe('現在 42人が該当');
    expect(screen.getByTestId('segment-publish-rule').textContent).toContain('公開した時点のセグメント条件');
    expect(screen.getByTestId('segment-used-by').textContent).toBe('使っているシナリオ: ウェルカム');
    fireEvent.click(screen.getByTestId('segment-save'));
    expect((await screen.findByTestId('segment-problem')).textContent).toBe('セグメントが自分自身を含むことになります（VIP → 高額 → VIP）');
  });
});

describe('friend page', () => {
  afterEach(cleanup);

  it('shows the timeline in words, with who made each change', async () => {
    show(<FriendPage ws="ws1" friendId="a" />, segmentsApi());
    const entries = await screen.findAllByTestId('timeline-entry');
    expect(entries.map((e) => e.textContent?.replace(/^.*?\d{1,2}:\d{2}\s*/, ''))).toEqual(['友だち情報の変更 都道府県: 京都府 (CSV取り込み)', 'タグ追加 VIP (一括操作)']);
  });
});

describe('fields page', () => {
  afterEach(cleanup);

  it('a kind change refused because friends hold values says why and how many', async () => {
    const updateField = vi.fn(async () => { throw new ApiError(409, 'field_has_values', 'x', { count: 3, from: 'text', to: 'number' }); });
    render(<I18nextProvider i18n={i18n}><CatalogueApiProvider api={{ ...catalogueApi, updateField } as CatalogueApi}><FieldsPage ws="ws1" /></CatalogueApiProvider></I18nextProvider>);
    fireEvent.change(await screen.findByTestId('field-kind'), { target: { value: 'number' } });
    expect((await screen.findByTestId('catalogue-error')).textContent).toBe('「都道府県」には3人の友だちの値が入っているため、種類を変えられません。値を消してから変えてください（値が種類に合わなくなるため）。');
    expect(updateField).toHaveBeenCalledWith('ws1', 'f-pref', { kind: 'number' });
  });
});
