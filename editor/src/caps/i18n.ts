// The message cap's words (配信上限): the settings section and the send node's choice, kept in a
// section of their own (merged into ja.ts / en.ts as `caps`).

export const capsJa = {
  title: '配信上限',
  hint: '友だち1人あたりに送るメッセージの上限です。シナリオと一斉配信の両方を数えます（1日・1週間はワークスペースのタイムゾーンで、週は月曜始まり）。空欄は上限なしです。',
  perDay: '1日あたり',
  perWeek: '1週間あたり',
  unit: '通まで',
  none: '上限なし',
  save: '配信上限を保存',
  saved: '配信上限を保存しました。次の配信から適用されます。',
  invalidNumber: '1〜1000の整数で入力してください（空欄は上限なし）。',
  weekBelowDay: '1週間の上限は1日の上限以上にしてください。',
  saveFailed: '保存できませんでした: {message}',
  current: 'このワークスペースの配信上限: {limits}',
  currentNone: 'このワークスペースには配信上限が設定されていません（ワークスペース設定で設定できます）。',
  limitDay: '1日{n}通',
  limitWeek: '1週間{n}通',
  send: {
    legend: '配信上限',
    always: '必ず送信する（配信上限を無視）',
    alwaysHint: '予約確認や購入完了など、必ず届けるべきお知らせに使います。このメッセージも上限の通数には数えます。',
    overCap: '上限に達している友だちには',
    hold: '送れるようになるまで待ってから送る（翌日・翌週）',
    skip: '送らずに次へ進む',
  },
};

export const capsEn: typeof capsJa = {
  title: 'Message cap',
  hint: 'The most messages each friend receives. Scenario and broadcast messages both count (days and weeks in the workspace time zone; weeks start on Monday). Leave empty for no limit.',
  perDay: 'Per day',
  perWeek: 'Per week',
  unit: 'messages at most',
  none: 'No limit',
  save: 'Save message cap',
  saved: 'Message cap saved. It applies from the next delivery.',
  invalidNumber: 'Enter a whole number from 1 to 1000 (empty for no limit).',
  weekBelowDay: 'The weekly limit must be at least the daily limit.',
  saveFailed: 'Could not save: {message}',
  current: 'This workspace’s message cap: {limits}',
  currentNone: 'This workspace has no message cap (set one in the workspace settings).',
  limitDay: '{n} a day',
  limitWeek: '{n} a week',
  send: {
    legend: 'Message cap',
    always: 'Always deliver (ignore the message cap)',
    alwaysHint: 'For messages that must arrive, such as booking or purchase confirmations. It still counts towards the cap.',
    overCap: 'For a friend who has reached the cap',
    hold: 'Wait until it is allowed, then send (next day or week)',
    skip: 'Skip this message and go on',
  },
};
