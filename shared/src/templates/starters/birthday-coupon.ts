import { graph, node, references, text, type Starter } from './build.ts';

export const birthdayCoupon: Starter = {
  key: 'birthdayCoupon',
  category: 'birthday',
  name: { ja: '誕生月クーポン', en: 'Birthday month coupon' },
  description: {
    ja: '毎月1日に友だち全員を登録すると、友だち情報「誕生日」が今月の人にだけクーポンを送ります（1人1回/月）。',
    en: 'Enrol everyone on the 1st of each month: friends whose “birthday” field is this month get a coupon.',
  },
  graph: graph([
    node('trigger', 'trigger', 0, 0, { trigger: { kind: 'manual' }, reentry: 'notWhileRunning' }),
    node('is-birthday', 'branch', 0, 1, {
      cases: [{ id: 'this-month', label: '今月が誕生月', condition: { kind: 'birthdayMonth', fieldId: 'field.birthday', month: 'current' } }],
    }),
    node('coupon', 'send', -1, 2, { messages: [text('{name|お客様}さん、お誕生月おめでとうございます🎂\n今月使える特別クーポンをお届けします。\n{link:link.birthday-coupon}')] }),
    node('sent', 'tag', -1, 3, { add: ['tag.birthday-coupon'], remove: [] }),
    node('not-this-month', 'end', 1, 2, {}),
  ], [['trigger', 'next', 'is-birthday'], ['is-birthday', 'this-month', 'coupon'], ['is-birthday', 'else', 'not-this-month'], ['coupon', 'next', 'sent']]),
  references: references({
    tags: [{ id: 'tag.birthday-coupon', name: '誕生月クーポン送付済み', folder: 'クーポン' }],
    fields: [{ id: 'field.birthday', name: '誕生日', kind: 'date', choices: [] }],
    links: [{ id: 'link.birthday-coupon', name: '誕生月クーポン', url: 'https://example.com/birthday' }],
  }),
};
