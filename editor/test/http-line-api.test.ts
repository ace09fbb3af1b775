import { describe, expect, it } from 'vitest';
import { createHttpLineApi } from '../src/api/httpLineApi.ts';

describe('HTTP client for channels and the simulator', () => {
  it('calls the runtime’s documented paths with JSON bodies', async () => {
    const calls: [string, string, BodyInit | null | undefined][] = [];
    const api = createHttpLineApi('/api', async (url, init) => {
      calls.push([init?.method ?? 'GET', String(url), init?.body]);
      if (String(url).endsWith('/inbox')) return new Response(JSON.stringify({ entries: [{ at: 'x', messages: [] }], clock: { offsetMs: 0, shifts: [] } }));
      return init?.method === 'DELETE' ? new Response(null, { status: 204 }) : new Response(JSON.stringify({ ok: true, fired: 2 }));
    });
    await api.addVirtualFriend('w', { displayName: '花子' });
    await api.sendText('w', 'f', 'こんにちは');
    await api.sendPostback('w', 'f', 'a=b');
    await api.block('w', 'f');
    await api.unblock('w', 'f');
    expect(await api.fastForward('w', 'f')).toMatchObject({ fired: 2 });
    expect(await api.getInbox('w', 'f')).toEqual({ entries: [{ at: 'x', messages: [] }], clock: { offsetMs: 0, shifts: [] } });
    await api.setFriendTags('w', 'f', { add: ['t'] });
    await api.deleteChannel('w', 'c 1');
    expect(calls).toEqual([
      ['POST', '/api/workspaces/w/simulator/friends', '{"displayName":"花子"}'],
      ['POST', '/api/workspaces/w/simulator/friends/f/message', '{"text":"こんにちは"}'],
      ['POST', '/api/workspaces/w/simulator/friends/f/postback', '{"data":"a=b"}'],
      ['POST', '/api/workspaces/w/simulator/friends/f/block', undefined],
      ['POST', '/api/workspaces/w/simulator/friends/f/unblock', undefined],
      ['POST', '/api/workspaces/w/simulator/friends/f/fast-forward', undefined],
      ['GET', '/api/workspaces/w/simulator/friends/f/inbox', undefined],
      ['POST', '/api/workspaces/w/friends/f/tags', '{"add":["t"]}'],
      ['DELETE', '/api/workspaces/w/channels/c%201', undefined],
    ]);
  });
});
