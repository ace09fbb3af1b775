import type { LimitRule } from '../messages/limits.ts';
import type { Localized } from './localized.ts';

/** Names of LINE limits as they appear inside the sendLimit issue text. */
export const limitRuleTerms: Record<LimitRule, Localized> = {
  textLength: { ja: 'テキストの文字数', en: 'text length' },
  quickReplyItems: { ja: 'クイックリプライの数', en: 'number of quick replies' },
  actionLabel: { ja: 'ボタンのラベルの文字数', en: 'button label length' },
  imageUrl: { ja: '画像URL（https・2000文字まで）', en: 'image URL (https, up to 2000 characters)' },
  altText: { ja: '代替テキストの文字数', en: 'alt text length' },
  buttonsActions: { ja: 'ボタンの数', en: 'number of buttons' },
  buttonsTitle: { ja: 'タイトルの文字数', en: 'title length' },
  buttonsText: { ja: '本文の文字数', en: 'text length' },
  confirmActions: { ja: '確認ボタンの数', en: 'number of confirm buttons' },
  confirmText: { ja: '確認文の文字数', en: 'confirm text length' },
  postbackData: { ja: 'ポストバックデータの文字数', en: 'postback data length' },
  actionText: { ja: '送信テキストの文字数', en: 'action text length' },
  uri: { ja: 'リンクURL', en: 'link URL' },
  flexType: { ja: 'Flexの種類', en: 'flex container type' },
  flexSize: { ja: 'Flexのデータサイズ', en: 'flex JSON size' },
  flexCarouselBubbles: { ja: 'カルーセルの枚数', en: 'number of carousel bubbles' },
  mediaUrl: { ja: 'ファイルURL（https・2000文字まで）', en: 'file URL (https, up to 2000 characters)' },
  trackingId: { ja: 'トラッキングID', en: 'tracking ID' },
  audioDuration: { ja: '再生時間（ミリ秒）', en: 'duration (milliseconds)' },
  locationText: { ja: '名称・住所の文字数', en: 'title or address length' },
  latitude: { ja: '緯度', en: 'latitude' },
  longitude: { ja: '経度', en: 'longitude' },
  imagemapBaseSize: { ja: '画像サイズ（幅1040）', en: 'image size (width 1040)' },
  imagemapArea: { ja: 'タップ領域', en: 'tap area' },
  imagemapActions: { ja: 'タップ領域の数', en: 'number of tap areas' },
  couponId: { ja: 'クーポンID', en: 'coupon ID' },
  deliveryTag: { ja: '配信タグの文字数', en: 'delivery tag length' },
  lineRule: { ja: 'LINEのメッセージ仕様', en: 'LINE message rule' },
};
