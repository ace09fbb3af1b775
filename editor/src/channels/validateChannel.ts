import type { CreateChannelBody } from '../api/lineTypes.ts';

export type ChannelField = Exclude<keyof CreateChannelBody, 'login'>;
export type ChannelErrorKey = 'nameRequired' | 'channelId' | 'secretLength' | 'secretChars' | 'tokenShort' | 'tokenLong' | 'tokenSpaces';
export type ChannelErrors = Partial<Record<ChannelField, { key: ChannelErrorKey; params?: Record<string, number> }>>;

/**
 * The runtime's rules for credentials (shared/src/api/workspaces.ts), checked before sending so a
 * marketer hears which field is wrong and how, not a 400. Values are compared trimmed: pasting
 * from the LINE console often brings a trailing space or newline.
 */
export function validateChannel(input: CreateChannelBody): ChannelErrors {
  const errors: ChannelErrors = {};
  const name = input.name.trim();
  if (!name || name.length > 100) errors.name = { key: 'nameRequired' };
  if (!/^[0-9]{6,20}$/.test(input.lineChannelId.trim())) errors.lineChannelId = { key: 'channelId' };
  const secret = input.channelSecret.trim();
  if (secret.length !== 32) errors.channelSecret = { key: 'secretLength', params: { length: secret.length } };
  else if (!/^[0-9a-f]{32}$/.test(secret)) errors.channelSecret = { key: 'secretChars' };
  const token = input.channelAccessToken.trim();
  if (/\s/.test(token)) errors.channelAccessToken = { key: 'tokenSpaces' };
  else if (token.length < 20) errors.channelAccessToken = { key: 'tokenShort' };
  else if (token.length > 1000) errors.channelAccessToken = { key: 'tokenLong' };
  return errors;
}

/** The body the runtime accepts: trimmed values, as validated. */
export function channelBody(input: CreateChannelBody): CreateChannelBody {
  return {
    name: input.name.trim(),
    lineChannelId: input.lineChannelId.trim(),
    channelSecret: input.channelSecret.trim(),
    channelAccessToken: input.channelAccessToken.trim(),
  };
}
