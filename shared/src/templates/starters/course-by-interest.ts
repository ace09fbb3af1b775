import { graph, node, references, text, type Starter } from './build.ts';

export const courseByInterest: Starter = {
  key: 'courseByInterest',
  category: 'course',
  name: { ja: 'オンライン講座（興味タグ別）', en: 'Online course by interest' },
  description: {
    ja: '講座登録タグで開始し、翌日10:00に興味タグ（マーケティング／デザイン／プログラミング）ごとの第1回を送り、3日後に全員へ次回案内を送ります。',
    en: 'Starts on the course tag; the next day at 10:00 sends lesson 1 by interest tag (marketing / design / programming), and 3 days later the next step to all.',
  },
  graph: graph([
    node('trigger', 'trigger', 0, 0, { trigger: { kind: 'tagAdded', tagId: 'tag.course' }, reentry: 'firstTimeOnly' }),
    node('welcome', 'send', 0, 1, { messages: [text('{name|受講者}さん、オンライン講座へようこそ！明日から講義をお届けします。')] }),
    node('next-day', 'wait', 0, 2, { mode: 'dayAt', days: 1, time: '10:00' }),
    node('interest', 'branch', 0, 3, {
      cases: [
        { id: 'marketing', label: 'マーケティング', condition: { kind: 'tag', tagId: 'tag.marketing', has: true } },
        { id: 'design', label: 'デザイン', condition: { kind: 'tag', tagId: 'tag.design', has: true } },
        { id: 'programming', label: 'プログラミング', condition: { kind: 'tag', tagId: 'tag.programming', has: true } },
      ],
    }),
    node('lesson-marketing', 'send', -2, 4, { messages: [text('第1回：LINEマーケティングの基本\n{link:link.lessons}')] }),
    node('lesson-design', 'send', -1, 4, { messages: [text('第1回：伝わるデザインの3原則\n{link:link.lessons}')] }),
    node('lesson-programming', 'send', 1, 4, { messages: [text('第1回：はじめてのプログラミング\n{link:link.lessons}')] }),
    node('lesson-general', 'send', 2, 4, { messages: [text('第1回：学び方ガイド（興味のある分野を選ぶと、あなた向けの講義が届きます）\n{link:link.lessons}')] }),
    node('later', 'wait', 0, 5, { mode: 'dayAt', days: 3, time: '10:00' }),
    node('next-step', 'send', 0, 6, { messages: [text('第1回はいかがでしたか？次回の講義と個別相談のご案内です。\n{link:link.lessons}')] }),
  ], [
    ['trigger', 'next', 'welcome'], ['welcome', 'next', 'next-day'], ['next-day', 'next', 'interest'],
    ['interest', 'marketing', 'lesson-marketing'], ['interest', 'design', 'lesson-design'], ['interest', 'programming', 'lesson-programming'],
    ['interest', 'else', 'lesson-general'],
    ['lesson-marketing', 'next', 'later'], ['lesson-design', 'next', 'later'], ['lesson-programming', 'next', 'later'], ['lesson-general', 'next', 'later'],
    ['later', 'next', 'next-step'],
  ]),
  references: references({
    tags: [
      { id: 'tag.course', name: '講座登録', folder: '講座' },
      { id: 'tag.marketing', name: '興味:マーケティング', folder: '興味' },
      { id: 'tag.design', name: '興味:デザイン', folder: '興味' },
      { id: 'tag.programming', name: '興味:プログラミング', folder: '興味' },
    ],
    links: [{ id: 'link.lessons', name: '講義ページ', url: 'https://example.com/lessons' }],
  }),
};
