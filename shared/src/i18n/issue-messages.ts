import type { FlowIssue, FlowIssueCode } from '../graph/issues.ts';
import { limitRuleTerms } from './limit-rules.ts';
import { interpolate, type Lang, type Localized } from './localized.ts';

/** Texts of every issue code; `{param}` slots are filled from the issue's params. */
export const issueMessages: Record<FlowIssueCode, Localized> = {
  graphNotObject: {
    ja: 'シナリオのデータがオブジェクトではありません。',
    en: 'The scenario data is not an object.',
  },
  unsupportedSchemaVersion: {
    ja: 'このバージョン（{version}）のシナリオ形式は読み込めません。',
    en: 'Scenario format version {version} cannot be read.',
  },
  invalidGraphShape: {
    ja: 'シナリオの形式が正しくありません（{path}: {detail}）。',
    en: 'The scenario is malformed ({path}: {detail}).',
  },
  invalidNode: {
    ja: '{index}番目のノードの形式が正しくありません（{path}: {detail}）。',
    en: 'Node #{index} is malformed ({path}: {detail}).',
  },
  unknownNodeType: {
    ja: '未対応のノードの種類です: {type}',
    en: 'Unknown node type: {type}',
  },
  invalidNodeData: {
    ja: 'ノードの設定が正しくありません（{path}: {detail}）。',
    en: 'The node settings are invalid ({path}: {detail}).',
  },
  invalidEdge: {
    ja: '{index}番目の接続線の形式が正しくありません（{path}: {detail}）。',
    en: 'Connection #{index} is malformed ({path}: {detail}).',
  },
  noTrigger: {
    ja: 'トリガーがありません。シナリオの開始条件を追加してください。',
    en: 'There is no trigger. Add one so friends can enter the scenario.',
  },
  duplicateNodeId: { ja: 'ノードID「{id}」が重複しています。', en: 'Node id "{id}" is used twice.' },
  duplicateEdgeId: { ja: '接続線ID「{id}」が重複しています。', en: 'Connection id "{id}" is used twice.' },
  danglingEdge: {
    ja: '接続線の{end}側のノード「{id}」が存在しません。',
    en: 'The connection’s {end} node "{id}" does not exist.',
  },
  unknownOutputHandle: {
    ja: '接続線が存在しない出口「{handle}」から出ています。',
    en: 'The connection leaves from an output "{handle}" the node does not have.',
  },
  duplicateOutputId: {
    ja: '出口ID「{id}」が重複しています。分岐ごとに別のIDが必要です。',
    en: 'Output id "{id}" is used twice; each case needs its own id.',
  },
  edgeIntoTrigger: {
    ja: 'トリガーには接続線をつなげられません。',
    en: 'A trigger cannot have incoming connections.',
  },
  outputNotConnected: {
    ja: '出口「{output}」がどこにもつながっていません。',
    en: 'Output "{output}" is not connected.',
  },
  outputHasMultipleEdges: {
    ja: '出口「{output}」から複数の接続線が出ています。1本にしてください。',
    en: 'Output "{output}" has several connections; keep one.',
  },
  unreachableNode: {
    ja: 'このノードはどのトリガーからもたどり着けません。',
    en: 'No trigger leads to this node.',
  },
  cycleWithoutWait: {
    ja: '待機のないループがあります（{nodes}）。友だちが無限に回り続けます。',
    en: 'A loop without a wait ({nodes}) would run forever.',
  },
  sendMessageCount: {
    ja: '1回の送信は{limit}通にしてください（現在 {actual}通）。',
    en: 'A send holds {limit} messages (now {actual}).',
  },
  sendLimit: {
    ja: '{message}通目: {rule}がLINEの制限に合いません（現在 {actual}、制限 {limit}）。',
    en: 'Message {message}: {rule} does not fit LINE’s limit (now {actual}, limit {limit}).',
  },
  missingValue: { ja: '{what}が未設定です。', en: '{what} is not set.' },
  unknownTag: { ja: '存在しないタグ（{id}）を参照しています。', en: 'Refers to a tag that does not exist ({id}).' },
  unknownField: {
    ja: '存在しない友だち情報欄（{id}）を参照しています。',
    en: 'Refers to a friend field that does not exist ({id}).',
  },
  unknownInflowRoute: {
    ja: '存在しない流入経路（{id}）を参照しています。',
    en: 'Refers to an inflow route that does not exist ({id}).',
  },
  unknownScenario: {
    ja: '存在しないシナリオ（{id}）を参照しています。',
    en: 'Refers to a scenario that does not exist ({id}).',
  },
  unknownLink: {
    ja: '存在しないリンク（{id}）を参照しています。',
    en: 'Refers to a tracked link that does not exist ({id}).',
  },
  fieldKindMismatch: {
    ja: '友だち情報欄「{name}」は{actual}型のため、ここでは使えません（必要: {expected}）。',
    en: 'Friend field "{name}" is a {actual} field and cannot be used here (needs {expected}).',
  },
  emptyCondition: {
    ja: '条件「{case}」が空です。条件を追加してください。',
    en: 'Case "{case}" has no condition.',
  },
  windowNoDays: {
    ja: '配信時間帯 {rule} に曜日が選ばれていません。',
    en: 'Delivery window {rule} has no weekday selected.',
  },
  windowEndBeforeStart: {
    ja: '配信時間帯 {rule} の終了（{to}）が開始（{from}）より前か同じです。',
    en: 'Delivery window {rule} ends ({to}) at or before it starts ({from}).',
  },
  windowOverlap: {
    ja: '配信時間帯 {rule} が {other} と重なっています（{day}）。',
    en: 'Delivery window {rule} overlaps window {other} (on {day}).',
  },
  invalidWeights: {
    ja: 'ランダム分岐の割合の合計が100%になっていません（合計 {sum}%、分岐 {count}件）。',
    en: 'Random split weights must total 100% over at least two arms (total {sum}%, {count} arm(s)).',
  },
};

/**
 * Words that issue params carry as keys rather than text, so the sentence stays in one language.
 * A param in TERM_PARAMS holds one key or several joined with `|`.
 */
export const issueTerms: Record<string, Localized> = {
  tag: { ja: 'タグ', en: 'Tag' },
  field: { ja: '友だち情報欄', en: 'Friend field' },
  inflowRoute: { ja: '流入経路', en: 'Inflow route' },
  scenario: { ja: 'シナリオ', en: 'Scenario' },
  link: { ja: 'リンク', en: 'Tracked link' },
  keywordText: { ja: 'キーワード', en: 'Keyword' },
  postback: { ja: 'ポストバックデータ', en: 'Postback data' },
  source: { ja: '出発', en: 'source' },
  target: { ja: '到着', en: 'target' },
  text: { ja: 'テキスト', en: 'text' },
  number: { ja: '数値', en: 'number' },
  date: { ja: '日付', en: 'date' },
  choice: { ja: '選択肢', en: 'choice' },
  // output handles with fixed ids
  next: { ja: '次へ', en: 'Next' },
  done: { ja: '反応あり', en: 'Happened' },
  timeout: { ja: 'タイムアウト', en: 'Timed out' },
  skipped: { ja: '日付なし・過ぎた', en: 'No date or passed' },
  else: { ja: 'それ以外', en: 'Otherwise' },
  ...limitRuleTerms,
};

const TERM_PARAMS = new Set(['what', 'end', 'actual', 'expected', 'rule', 'output']);

/** The issue as a sentence in the given language. */
export function formatIssue(issue: FlowIssue, lang: Lang): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(issue.params)) {
    params[name] =
      TERM_PARAMS.has(name) && typeof value === 'string'
        ? value
            .split('|')
            .map((key) => issueTerms[key]?.[lang] ?? key)
            .join(lang === 'ja' ? '・' : '/')
        : value;
  }
  return interpolate(issueMessages[issue.code][lang], params);
}
