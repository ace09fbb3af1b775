import { graph, node, references, text, type Starter } from './build.ts';

export const seminarReminder: Starter = {
  key: 'seminarReminder',
  category: 'reminder',
  name: { ja: 'セミナーリマインド', en: 'Seminar reminder' },
  description: {
    ja: 'セミナー申込タグで開始し、友だち情報「セミナー日」の3日前10:00と前日19:00にリマインドを送ります。',
    en: 'Starts on the seminar sign-up tag and reminds 3 days before (10:00) and the day before (19:00) the “seminar date” field.',
  },
  graph: graph([
    node('trigger', 'trigger', 0, 0, { trigger: { kind: 'tagAdded', tagId: 'tag.seminar' }, reentry: 'everyTime' }),
    node('three-days', 'wait', 0, 1, { mode: 'relativeToField', fieldId: 'field.seminar-date', offsetDays: -3, time: '10:00' }),
    node('remind-3', 'send', 0, 2, { messages: [text('{name|お客様}さん、セミナーまであと3日です。\n日程：{field:field.seminar-date}\n当日のご参加をお待ちしています。')] }),
    node('day-before', 'wait', 0, 3, { mode: 'relativeToField', fieldId: 'field.seminar-date', offsetDays: -1, time: '19:00' }),
    node('remind-1', 'send', 0, 4, { messages: [text('いよいよ明日はセミナーです！\n参加URLはこちら：{link:link.seminar}')] }),
  ], [
    ['trigger', 'next', 'three-days'], ['three-days', 'next', 'remind-3'], ['three-days', 'skipped', 'day-before'],
    ['remind-3', 'next', 'day-before'], ['day-before', 'next', 'remind-1'],
  ]),
  references: references({
    tags: [{ id: 'tag.seminar', name: 'セミナー申込', folder: 'イベント' }],
    fields: [{ id: 'field.seminar-date', name: 'セミナー日', kind: 'date', choices: [] }],
    links: [{ id: 'link.seminar', name: 'セミナー参加URL', url: 'https://example.com/seminar' }],
  }),
};
