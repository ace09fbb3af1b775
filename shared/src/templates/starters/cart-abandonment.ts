import { graph, node, references, text, type Starter } from './build.ts';

export const cartAbandonment: Starter = {
  key: 'cartAbandonment',
  category: 'sales',
  name: { ja: 'カゴ落ちフォロー', en: 'Cart abandonment' },
  description: {
    ja: 'カート投入タグが付いたら最大24時間、購入（購入済みタグ）を待ちます。購入がなければクーポンを送ります。',
    en: 'When the cart tag is added, waits up to 24 hours for a purchase (the purchased tag); without one, sends a coupon.',
  },
  graph: graph([
    node('trigger', 'trigger', 0, 0, { trigger: { kind: 'tagAdded', tagId: 'tag.cart' }, reentry: 'notWhileRunning' }),
    node('wait-purchase', 'waitForEvent', 0, 1, { event: 'tagAdded', tagId: 'tag.purchased', timeout: { amount: 24, unit: 'hours' } }),
    node('thanks', 'end', -1, 2, {}),
    node('coupon', 'send', 1, 2, { messages: [text('{name|お客様}さん、カートに商品が残っています🛒\n今なら使える10%OFFクーポンをどうぞ。\n{link:link.coupon}')] }),
    node('coupon-sent', 'tag', 1, 3, { add: ['tag.coupon-sent'], remove: [] }),
  ], [['trigger', 'next', 'wait-purchase'], ['wait-purchase', 'done', 'thanks'], ['wait-purchase', 'timeout', 'coupon'], ['coupon', 'next', 'coupon-sent']]),
  references: references({
    tags: [
      { id: 'tag.cart', name: 'カート投入', folder: '購買行動' },
      { id: 'tag.purchased', name: '購入済み', folder: '購買行動' },
      { id: 'tag.coupon-sent', name: 'カゴ落ちクーポン送付済み', folder: '購買行動' },
    ],
    links: [{ id: 'link.coupon', name: 'カゴ落ちクーポン', url: 'https://example.com/coupon' }],
  }),
};
