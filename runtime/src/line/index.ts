/** LINE at the runtime's HTTP boundary: schemas, the port and its SDK client, signatures, the fake. */
export type { LineMessagingPort, MulticastRequest, ProfileOutcome, PushRequest, SendOutcome } from './port.ts';
export { createLineClient, DEFAULT_LINE_TIMEOUT_MS, type LineClientOptions } from './client.ts';
export { LineTimeoutError, outcomeOfFailure } from './outcome.ts';
export { retryKeyFor, retryKeyFrom, uuidV5, RETRY_KEY_NAMESPACE } from './retry-key.ts';
export {
  createLineRateLimiter, LINE_CLIENT_LIMITS, systemClock, TokenBucket,
  type BucketLimit, type LimitedEndpoint, type LimiterClock, type LineRateLimiter,
} from './rate-limiter.ts';
export { signWebhookBody, verifyWebhookSignature } from './signature.ts';
