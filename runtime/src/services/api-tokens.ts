import type { ApiToken, CreateApiTokenBody, CreatedApiToken } from '@lsb/shared/api';
import type { Db } from '../db/pool.ts';
import { ApiError } from '../errors.ts';
import { randomToken, sha256 } from '../accounts/secrets.ts';
import { insertApiToken, listApiTokens, revokeApiToken } from '../store/api-tokens.ts';
import type { UserRow } from '../store/users.ts';

type Listed = Awaited<ReturnType<typeof listApiTokens>>[number];

function toApiToken({ token, creator }: Listed): ApiToken {
  return {
    id: token.id, workspaceId: token.workspaceId, name: token.name, role: token.role, prefix: token.prefix, createdBy: creator,
    createdAt: token.createdAt.toISOString(), lastUsedAt: token.lastUsedAt?.toISOString() ?? null, revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}

/** The secret leaves the server only in this answer; the table keeps its SHA-256. */
export async function createApiToken(db: Db, workspaceId: string, creator: UserRow, body: CreateApiTokenBody, now: Date): Promise<CreatedApiToken> {
  const secret = `lsb_${randomToken()}`;
  const id = await insertApiToken(db, {
    workspaceId, name: body.name, role: body.role, tokenHash: sha256(secret), prefix: `${secret.slice(0, 10)}…`, createdBy: creator.id, createdAt: now,
  });
  const [listed] = await listApiTokens(db, workspaceId, id);
  return { token: toApiToken(listed!), secret };
}

export async function listTokens(db: Db, workspaceId: string): Promise<ApiToken[]> {
  return (await listApiTokens(db, workspaceId)).map(toApiToken);
}

export async function revokeToken(db: Db, workspaceId: string, id: string, now: Date) {
  const row = await revokeApiToken(db, workspaceId, id, now);
  if (!row) throw new ApiError(404, 'api_token_not_found', 'No such live API token in this workspace.');
  return row;
}
