import { HTTPFetchError } from '@line/bot-sdk';
import { describe, expect, it } from 'vitest';
import { LineHttpError } from '../../src/line/http.ts';
import { LineTimeoutError, outcomeOfFailure, retryKeyFor, retryKeyFrom, uuidV5 } from '../../src/line/index.ts';
import { digestOf } from '../../src/line/message-digest.ts';

const httpError = (status: number, body: unknown) => new LineHttpError(status, typeof body === 'string' ? body : JSON.stringify(body));
/** What the SDK throws (the quota is still read through it). */
const sdkError = (status: number, body: unknown) =>
  new HTTPFetchError(`${status}`, { status, statusText: '', headers: new Headers(), body: JSON.stringify(body) });

describe('outcome of a failed call', () => {
  it.each([
    [httpError(409, { message: 'The retry key is already accepted', sentMessages: [{ id: '1' }] }), { kind: 'alreadyAccepted', sentMessages: [{ id: '1' }] }],
    [httpError(409, { message: 'The retry key is already accepted' }), { kind: 'alreadyAccepted' }],
    [httpError(429, { message: 'The API rate limit has been exceeded. Try again later.' }), { kind: 'rateLimited', scope: 'rate' }],
    [httpError(429, { message: 'You have reached your monthly limit.' }), { kind: 'rateLimited', scope: 'monthlyLimit' }],
    [httpError(429, { message: 'Too many audience jobs' }), { kind: 'rateLimited', scope: 'other' }],
    [httpError(500, { message: 'boom' }), { kind: 'retryable', status: 500, reason: 'boom' }],
    [httpError(502, '<html>Bad gateway</html>'), { kind: 'retryable', status: 502, reason: 'HTTP 502' }],
    [httpError(400, { message: 'Failed to send messages' }), { kind: 'rejected', status: 400, reason: 'Failed to send messages' }],
    [httpError(403, { message: 'Access to this API is not available for your account' }), { kind: 'rejected', status: 403 }],
    [new LineTimeoutError(100), { kind: 'retryable', reason: 'timeout: LINE did not answer within 100 ms' }],
    [new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') }), { kind: 'retryable', reason: 'network: fetch failed: connect ECONNREFUSED' }],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }), { kind: 'retryable', reason: 'network: connect ECONNREFUSED 127.0.0.1:9' }],
    [sdkError(409, { message: 'The retry key is already accepted' }), { kind: 'alreadyAccepted' }],
    [sdkError(500, { message: 'boom' }), { kind: 'retryable', status: 500, reason: 'boom' }],
  ])('%s', (error, expected) => {
    expect(outcomeOfFailure(error)).toMatchObject(expected);
  });
});

describe('retry keys', () => {
  it('are name-based v5 UUIDs (RFC 9562 test vector)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('are the same for the same run, node and visit, and differ otherwise', () => {
    const key = retryKeyFor('run-1', 'node-a', 1);
    // Pinned: a send queued by an earlier release is retried under the key it was first sent with.
    expect(key).toBe('559b6d61-a8a9-5bec-9cc1-61fd5da17700');
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(retryKeyFor('run-1', 'node-a', 1)).toBe(key);
    expect(new Set([key, retryKeyFor('run-1', 'node-a', 2), retryKeyFor('run-1', 'node-b', 1), retryKeyFor('run-2', 'node-a', 1)]).size).toBe(4);
  });

  it('cannot be confused by separators inside ids', () => {
    expect(retryKeyFrom(['a:b', 'c'])).not.toBe(retryKeyFrom(['a', 'b:c']));
  });
});

describe('message digests', () => {
  it('are SHA-256 of the messages\' JSON, pinned: queued rows of an earlier release still batch with new ones', () => {
    expect(digestOf([{ type: 'text', text: '本日10:00からセール開始です！' }])).toBe('NsIH_1hiKu-bt88Cped2qGSb7kx31I4O-5pWA7QqxEg');
    expect(digestOf([{ type: 'text', text: 'a' }])).not.toBe(digestOf([{ type: 'text', text: 'b' }]));
  });
});
