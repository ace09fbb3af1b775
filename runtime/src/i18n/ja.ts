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
  mail: {
    invitationSubject: '{workspace} への招待',
    invitationText: '{inviter} さんから「{workspace}」（{organization}）に{role}として招待されました。\n次のリンクから参加してください（7日間有効）:\n{link}',
    resetSubject: 'パスワードの再設定',
    resetText: 'パスワード再設定の依頼を受け付けました。次のリンクから新しいパスワードを設定してください（1時間有効・1回限り）:\n{link}\n心当たりがない場合は、このメールを無視してください。',
    role: { owner: 'オーナー', admin: '管理者', editor: '編集者', viewer: '閲覧者' },
  },
  link: {
    notFoundTitle: 'リンクが見つかりません',
    notFoundText: 'このリンクは無効か、期限が切れています。',
  },
};

export type RuntimeMessages = Widen<typeof ja>;
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
