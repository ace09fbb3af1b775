import { createHmac, randomBytes } from 'node:crypto';

/**
 * The fake LINE Login platform's state (LINE Login v2.1): authorization codes issued on the
 * authorize page, the tokens they are exchanged for, and the ID tokens (HS256, signed with the
 * channel secret the client presented, as LINE signs them for web logins).
 */

export interface FakeLoginChannel { clientId: string; clientSecret: string }

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  userId: string;
  nonce: string | undefined;
  scope: string;
  issuedAt: number;
}

export interface TokenRequest {
  grant_type?: string;
  code?: string;
  redirect_uri?: string;
  client_id?: string;
  client_secret?: string;
}

export interface LoginAnswer { status: number; body: unknown }

/** LINE gives a code 10 minutes; so does the fake. */
export const LOGIN_CODE_TTL_MS = 10 * 60_000;
const ACCESS_TOKEN_TTL_S = 30 * 24 * 3600;
const LINE_LOGIN_ISSUER = 'https://access.line.me';

/** LINE Login's error bodies (OAuth 2.0 style, RFC 6749 §5.2). */
export const LOGIN_ERRORS = {
  invalidGrant: { error: 'invalid_grant', error_description: 'invalid authorization code' },
  redirectMismatch: { error: 'invalid_grant', error_description: 'redirect_uri does not match' },
  invalidClient: { error: 'invalid_client', error_description: 'invalid client_id or client_secret' },
  unsupportedGrant: { error: 'unsupported_grant_type', error_description: 'unsupported grant_type' },
  invalidRequest: (what: string) => ({ error: 'invalid_request', error_description: `${what} is required` }),
  invalidIdToken: { error: 'invalid_request', error_description: 'Invalid IdToken.' },
  invalidAccessToken: { message: 'The access token is invalid' },
} as const;

export class FakeLogin {
  private readonly codes = new Map<string, IssuedCode>();
  private readonly accessTokens = new Map<string, { userId: string; clientId: string; expiresAt: number }>();
  private readonly idTokens = new Map<string, { clientId: string }>();
  private readonly channels = new Map<string, string>();

  constructor(private readonly now: () => number) {}

  /** With no login channel registered the fake is open: any client id / secret pair is accepted. */
  addChannel(channel: FakeLoginChannel): void {
    this.channels.set(channel.clientId, channel.clientSecret);
  }

  issueCode(input: Omit<IssuedCode, 'issuedAt'>): string {
    const code = randomBytes(15).toString('base64url');
    this.codes.set(code, { ...input, issuedAt: this.now() });
    return code;
  }

  exchange(request: TokenRequest, profileOf: (userId: string) => { displayName: string; pictureUrl?: string } | undefined): LoginAnswer {
    if (request.grant_type !== 'authorization_code') return { status: 400, body: LOGIN_ERRORS.unsupportedGrant };
    for (const field of ['code', 'redirect_uri', 'client_id', 'client_secret'] as const) {
      if (!request[field]) return { status: 400, body: LOGIN_ERRORS.invalidRequest(field) };
    }
    const known = this.channels.get(request.client_id!);
    if (this.channels.size > 0 && known !== request.client_secret) return { status: 401, body: LOGIN_ERRORS.invalidClient };
    const issued = this.codes.get(request.code!);
    // A code is good once: a second exchange fails, like an expired one.
    this.codes.delete(request.code!);
    if (!issued || this.now() - issued.issuedAt > LOGIN_CODE_TTL_MS || issued.clientId !== request.client_id) {
      return { status: 400, body: LOGIN_ERRORS.invalidGrant };
    }
    if (issued.redirectUri !== request.redirect_uri) return { status: 400, body: LOGIN_ERRORS.redirectMismatch };
    const accessToken = randomBytes(24).toString('base64url');
    this.accessTokens.set(accessToken, { userId: issued.userId, clientId: issued.clientId, expiresAt: this.now() + ACCESS_TOKEN_TTL_S * 1000 });
    const profile = profileOf(issued.userId);
    const iat = Math.floor(this.now() / 1000);
    const idToken = signIdToken({
      iss: LINE_LOGIN_ISSUER, sub: issued.userId, aud: issued.clientId, exp: iat + 3600, iat, amr: ['linesso'],
      ...(issued.nonce ? { nonce: issued.nonce } : {}),
      ...(profile ? { name: profile.displayName, ...(profile.pictureUrl ? { picture: profile.pictureUrl } : {}) } : {}),
    }, request.client_secret!);
    this.idTokens.set(idToken, { clientId: issued.clientId });
    return {
      status: 200,
      body: {
        access_token: accessToken, expires_in: ACCESS_TOKEN_TTL_S, id_token: idToken,
        refresh_token: randomBytes(24).toString('base64url'), scope: issued.scope, token_type: 'Bearer',
      },
    };
  }

  /** POST /oauth2/v2.1/verify: the ID token's payload when it was issued here for that client. */
  verifyIdToken(idToken: string | undefined, clientId: string | undefined): LoginAnswer {
    if (!idToken) return { status: 400, body: LOGIN_ERRORS.invalidRequest('id_token') };
    if (!clientId) return { status: 400, body: LOGIN_ERRORS.invalidRequest('client_id') };
    const issued = this.idTokens.get(idToken);
    const payload = issued && issued.clientId === clientId ? decodeJwtPayload(idToken) : undefined;
    if (!payload || (payload.exp as number) * 1000 < this.now()) return { status: 400, body: LOGIN_ERRORS.invalidIdToken };
    return { status: 200, body: payload };
  }

  /** The user an access token stands for (GET /v2/profile), or undefined. */
  userOf(accessToken: string): string | undefined {
    const token = this.accessTokens.get(accessToken);
    return token && token.expiresAt > this.now() ? token.userId : undefined;
  }

  reset(): void {
    this.codes.clear();
    this.accessTokens.clear();
    this.idTokens.clear();
  }
}

function signIdToken(payload: Record<string, unknown>, secret: string): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ typ: 'JWT', alg: 'HS256' })}.${part(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
