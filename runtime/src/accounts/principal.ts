import type { ApiTokenRole } from '@lsb/shared/api';
import type { UserRow } from '../store/users.ts';

/** Who is calling: a logged-in person, or an API token of one workspace. */
export type Principal =
  | { kind: 'user'; user: UserRow }
  | { kind: 'token'; tokenId: string; workspaceId: string; role: ApiTokenRole; name: string };
