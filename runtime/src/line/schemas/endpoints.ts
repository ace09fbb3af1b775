import { BroadcastRequest, MulticastRequest, NarrowcastRequest, PushMessageRequest, ReplyMessageRequest } from './requests.ts';
import { createLineValidator } from '@lsb/shared/line';

/** One compiled validator per send endpoint, shared by the fake LINE server and the runtime's sender. */
export const validateSendRequest = {
  push: createLineValidator(PushMessageRequest),
  multicast: createLineValidator(MulticastRequest),
  reply: createLineValidator(ReplyMessageRequest),
  narrowcast: createLineValidator(NarrowcastRequest),
  broadcast: createLineValidator(BroadcastRequest),
} as const;

export type SendEndpoint = keyof typeof validateSendRequest;
