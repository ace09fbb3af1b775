import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * LINE Login v2.1 from the runtime's side: the authorize URL a route sends people to, and the code
 * exchange that tells us who they are. The ID token of a web login is an HS256 JWT signed with the
 * login channel's secret; it is checked here (signature, issuer, audience, expiry, nonce).
 */

const LINE_LOGIN_ISSUER = 'https://access.line.me';

export interface LoginChannel { clientId: string; clientSecret: string }

export interface AuthorizeInput { authorizeBase: string; clientId: string; redirectUri: string; state: string; nonce: string }

export function authorizeUrl(input: AuthorizeInput): string {
  const url = new URL('/oauth2/v2.1/authorize', input.authorizeBase);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: input.clientId, redirect_uri: input.redirectUri, state: input.state,
    scope: 'profile openid', nonce: input.nonce,
    // Offers adding the Official Account linked to the login channel on LINE's consent screen.
    bot_prompt: 'aggressive',
  }).toString();
  return url.toString();
}

export type LoginOutcome =
  | { ok: true; userId: string; displayName: string | null }
  | { ok: false; reason: 'rejected'; error: string; description: string }
  | { ok: false; reason: 'unreachable' | 'bad_id_token' };

export interface ExchangeInput {
  tokenBase: string;
  channel: LoginChannel;
  code: string;
  redirectUri: string;
  nonce: string;
  now: Date;
  timeoutMs?: number;
}

export async function exchangeCode(input: ExchangeInput): Promise<LoginOutcome> {
  let response: Response;
  try {
    response = await fetch(new URL('/oauth2/v2.1/token', input.tokenBase), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri,
        client_id: input.channel.clientId, client_secret: input.channel.clientSecret,
      }),
      signal: AbortSignal.timeout(input.timeoutMs ?? 10_000),
    });
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
  const body = await response.json().catch(() => ({})) as Record<string, unknown>;
  if (!response.ok) {
    if (response.status >= 500) return { ok: false, reason: 'unreachable' };
    return { ok: false, reason: 'rejected', error: String(body.error ?? response.status), description: String(body.error_description ?? '') };
  }
  const claims = typeof body.id_token === 'string' ? verifyIdToken(body.id_token, input.channel, input.nonce, input.now) : undefined;
  if (!claims) return { ok: false, reason: 'bad_id_token' };
  return { ok: true, userId: claims.sub, displayName: claims.name ?? null };
}

interface IdTokenClaims { sub: string; name?: string }

export function verifyIdToken(token: string, channel: LoginChannel, nonce: string, now: Date): IdTokenClaims | undefined {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return undefined;
  const expected = createHmac('sha256', channel.clientSecret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let claims: Record<string, unknown>;
  try {
    if ((JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string }).alg !== 'HS256') return undefined;
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const valid = claims.iss === LINE_LOGIN_ISSUER && claims.aud === channel.clientId && typeof claims.exp === 'number'
    && claims.exp * 1000 > now.getTime() && claims.nonce === nonce && typeof claims.sub === 'string' && /^U[0-9a-f]{32}$/.test(claims.sub);
  return valid ? { sub: claims.sub as string, ...(typeof claims.name === 'string' ? { name: claims.name } : {}) } : undefined;
}
