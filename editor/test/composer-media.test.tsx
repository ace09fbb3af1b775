import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { checkMessageLimits, type MessageDraft } from '@lsb/shared';
import { MessageEditor } from '../src/composer/MessageEditor.tsx';
import { PhonePreview } from '../src/composer/PhonePreview.tsx';
import { starterGraph } from '../src/flow/starter.ts';
import { i18n } from '../src/i18n/index.ts';
import { createFlowStore } from '../src/store/createFlowStore.ts';
import { FlowStoreProvider } from '../src/store/FlowStoreContext.tsx';

// The composer's video, audio, location, imagemap and coupon messages: each kind's form, its phone
// preview, and the LINE rule check (the same schema the fake LINE server enforces) as the marketer sees it.

let current: MessageDraft = { type: 'text', text: '' };

function Composer({ initial }: { initial: MessageDraft }) {
  const [message, setMessage] = useState<MessageDraft>(initial);
  current = message;
  const violations = checkMessageLimits([message]);
  return (
    <>
      <PhonePreview messages={[message]} />
      <MessageEditor index={0} message={message} violations={violations} onChange={setMessage} />
    </>
  );
}

function open(kind: string) {
  render(
    <I18nextProvider i18n={i18n}>
      <FlowStoreProvider store={createFlowStore(starterGraph())}>
        <Composer initial={{ type: 'sticker', packageId: '446', stickerId: '1988' }} />
      </FlowStoreProvider>
    </I18nextProvider>,
  );
  fireEvent.change(screen.getByTestId('message-type'), { target: { value: kind } });
  expect(current.type).toBe(kind);
}

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const errors = () => screen.queryAllByTestId('message-limit-error').map((e) => e.textContent ?? '');
const preview = () => screen.getByTestId('phone-preview');

describe('composer: messages beyond text', () => {
  afterEach(async () => {
    cleanup();
    await act(() => i18n.changeLanguage('ja'));
  });

  it('video: URLs and tracking id, previewed as a still with a play mark, https enforced', () => {
    open('video');
    expect(errors().some((e) => e.includes('ファイルURL'))).toBe(true); // the default 'https://' is not a file yet
    type('video-url', 'https://cdn.example/spring.mp4');
    type('video-preview-url', 'https://cdn.example/spring.jpg');
    expect(errors()).toEqual([]);
    expect(within(preview()).getByTestId('preview-video').querySelector('img')?.getAttribute('src')).toBe('https://cdn.example/spring.jpg');
    type('video-tracking-id', 'spring 2026');
    expect(errors().join()).toContain('トラッキングID');
    type('video-tracking-id', 'spring-2026');
    expect(errors()).toEqual([]);
    type('video-url', 'http://cdn.example/spring.mp4');
    expect(errors().join()).toContain('ファイルURL');
    expect(current).toMatchObject({ type: 'video', originalContentUrl: 'http://cdn.example/spring.mp4', trackingId: 'spring-2026' });
  });

  it('audio: length entered in seconds, sent in milliseconds, shown as m:ss', () => {
    open('audio');
    type('audio-url', 'https://cdn.example/voice.m4a');
    type('audio-duration', '61');
    expect(current).toMatchObject({ type: 'audio', duration: 61000 });
    expect(within(preview()).getByTestId('preview-audio').textContent).toContain('1:01');
    expect(errors()).toEqual([]);
  });

  it('location: name and address required, latitude within ±90', () => {
    open('location');
    expect(errors().join()).toContain('名称・住所');
    type('location-title', '渋谷店');
    type('location-address', '東京都渋谷区道玄坂1-1');
    expect(errors()).toEqual([]);
    expect(within(preview()).getByTestId('preview-location').textContent).toContain('渋谷店');
    type('location-latitude', '95');
    expect(errors().join()).toContain('緯度');
    expect(errors().join()).toContain('95');
  });

  it('imagemap: image at LINE’s 700 size, areas placed on the 1040 grid, a zero-width area refused', () => {
    open('imagemap');
    type('imagemap-base-url', 'https://cdn.example/rm/spring');
    type('imagemap-area-uri', 'https://shop.example/');
    expect(errors()).toEqual([]);
    const bubble = within(preview()).getByTestId('preview-imagemap');
    expect(bubble.querySelector('img')?.getAttribute('src')).toBe('https://cdn.example/rm/spring/700');
    fireEvent.click(screen.getByTestId('imagemap-split'));
    const areas = within(preview()).getAllByTestId('preview-imagemap-area');
    expect(areas.map((a) => a.style.left)).toEqual(['0%', '50%']);
    expect(areas.map((a) => a.style.width)).toEqual(['50%', '50%']);
    fireEvent.change(screen.getAllByTestId('imagemap-area-type')[1]!, { target: { value: 'message' } });
    fireEvent.change(screen.getByTestId('imagemap-area-text'), { target: { value: 'クーポン' } });
    fireEvent.change(screen.getAllByTestId('imagemap-area-uri')[0]!, { target: { value: 'https://shop.example/a' } });
    expect(errors()).toEqual([]);
    expect(current).toMatchObject({ actions: [{ type: 'uri', linkUri: 'https://shop.example/a' }, { type: 'message', text: 'クーポン', area: { x: 520 } }] });
    fireEvent.change(screen.getAllByTestId('imagemap-area-width')[0]!, { target: { value: '0' } });
    expect(errors().join()).toContain('タップ領域');
  });

  it('coupon: the coupon id is required; the preview shows a coupon card', () => {
    open('coupon');
    expect(errors().join()).toContain('クーポンID');
    type('coupon-id', '01JYNW8JMQVFBNWF1APF8Z3FS7');
    expect(errors()).toEqual([]);
    expect(within(preview()).getByTestId('preview-coupon').textContent).toContain('01JYNW8JMQVFBNWF1APF8Z3FS7');
    type('coupon-delivery-tag', 'x'.repeat(31));
    expect(errors().join()).toContain('配信タグ');
  });

  it('speaks English too', async () => {
    await act(() => i18n.changeLanguage('en'));
    open('coupon');
    expect(screen.getAllByText('Coupon ID').length).toBeGreaterThan(0);
    expect(errors().join()).toContain('coupon ID');
    expect(within(preview()).getByTestId('preview-coupon').textContent).toContain('LINE coupon');
    expect([...screen.getByTestId('message-type').querySelectorAll('option')].map((o) => o.textContent)).toEqual(
      expect.arrayContaining(['Video', 'Audio', 'Location', 'Imagemap', 'LINE coupon']),
    );
  });
});
