import type { CreateWorkspaceBody, Workspace } from '@lsb/shared/api';
import type { SecretBox } from '../crypto/secrets.ts';
import type { Db } from '../db/pool.ts';
import { createFakeChannel } from './channels.ts';
import { createWorkspace } from './workspaces.ts';

/**
 * A new workspace starts bound to the built-in fake LINE channel, so a marketer can add a virtual
 * friend and watch a scenario run before entering real LINE credentials.
 */
export async function setUpWorkspace(db: Db, box: SecretBox, body: CreateWorkspaceBody, publicUrl: string): Promise<Workspace> {
  const workspace = await createWorkspace(db, body);
  await createFakeChannel(db, box, workspace.id, publicUrl);
  return workspace;
}
