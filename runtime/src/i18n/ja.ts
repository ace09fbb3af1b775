// Texts the runtime writes for people to read (shared's catalogues hold the flow language's);
// en.ts has the same keys (its type is derived from this). Slots are `{name}`.
export const ja = {
  demo: {
    workspace: 'デモワークスペース',
    channel: 'デモ (Fake LINE)',
    purchasedTag: '購入済み',
    doneTag: 'ステップ完了',
    shopQrRoute: '店頭QRコード',
    scenario: '友だち追加ウェルカム',
  },
  scenario: {
    copyName: '{name} (コピー)',
  },
  link: {
    notFoundTitle: 'リンクが見つかりません',
    notFoundText: 'このリンクは無効か、期限が切れています。',
  },
};

export type RuntimeMessages = Widen<typeof ja>;
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
