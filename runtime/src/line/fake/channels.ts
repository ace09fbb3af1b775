import { createHash } from 'node:crypto';

/**
 * Channels the fake knows. A channel is identified by its access token (the bearer token). With no
 * channels configured the fake is open: any token is its own channel, so tests need no setup.
 */

export interface FakeChannelConfig {
  channelAccessToken: string;
  channelId?: string;
  channelSecret?: string;
  /** Where simulated friend events are posted, like the webhook URL in LINE's console. */
  webhookUrl?: string;
  displayName?: string;
}

export interface FakeChannel {
  channelId: string;
  channelAccessToken: string;
  channelSecret?: string;
  webhookUrl?: string;
  displayName: string;
  /** The bot's own user id, which LINE sends as a webhook's `destination`. */
  botUserId: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest('hex');

export function describeChannel(config: FakeChannelConfig): FakeChannel {
  const hash = digest(config.channelAccessToken);
  return {
    channelId: config.channelId ?? `fake-${hash.slice(0, 10)}`,
    channelAccessToken: config.channelAccessToken,
    ...(config.channelSecret === undefined ? {} : { channelSecret: config.channelSecret }),
    ...(config.webhookUrl === undefined ? {} : { webhookUrl: config.webhookUrl }),
    displayName: config.displayName ?? 'Fake LINE Official Account',
    botUserId: `U${hash.slice(0, 32)}`,
  };
}

export class ChannelRegistry {
  private readonly byToken = new Map<string, FakeChannel>();

  constructor(initial: FakeChannelConfig[] = [], private readonly open = initial.length === 0) {
    for (const config of initial) this.add(config);
  }

  add(config: FakeChannelConfig): FakeChannel {
    const channel = describeChannel(config);
    this.byToken.set(channel.channelAccessToken, channel);
    return channel;
  }

  /** The channel a bearer token authenticates, or undefined when the token is not accepted. */
  authenticate(token: string): FakeChannel | undefined {
    return this.byToken.get(token) ?? (this.open ? describeChannel({ channelAccessToken: token }) : undefined);
  }

  byId(channelId: string): FakeChannel | undefined {
    return [...this.byToken.values()].find((channel) => channel.channelId === channelId);
  }

  list(): FakeChannel[] {
    return [...this.byToken.values()];
  }
}
