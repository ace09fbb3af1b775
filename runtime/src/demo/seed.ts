import type { SecretBox } from '../crypto/secrets.ts';
import { hasAnyWorkspace } from '../store/workspaces.ts';
import type { Db } from '../store/tx.ts';
import { createTag } from '../services/catalogue.ts';
import { createRoute } from '../services/inflow-routes.ts';
import { setUpWorkspace } from '../services/onboarding.ts';
import { createScenario, publishScenario } from '../services/scenarios.ts';
import { welcomeSeriesScenario } from '@lsb/shared';
import { runtimeT, sharedT } from '../i18n/index.ts';

/**
 * On a fresh database, a ready demo: a workspace bound to the fake LINE channel, a few tags and
 * routes, and the sample scenario published, so a newcomer can add a virtual friend at once.
 */
export async function seedDemoIfEmpty(db: Db, box: SecretBox, publicUrl: string, now: Date): Promise<string | undefined> {
  if (await hasAnyWorkspace(db)) return undefined;
  const t = runtimeT();
  const workspace = await setUpWorkspace(db, box, { name: t('demo.workspace'), timeZone: 'Asia/Tokyo' }, publicUrl);
  const purchased = await createTag(db, workspace.id, { name: t('demo.purchasedTag') });
  const done = await createTag(db, workspace.id, { name: t('demo.doneTag') });
  await createRoute(db, workspace.id, { name: 'Instagram', code: 'instagram' }); // a brand name in every language
  await createRoute(db, workspace.id, { name: t('demo.shopQrRoute'), code: 'shop-qr', actions: { tagIds: [], scenarioId: null, repeat: 'firstTimeOnly' } });
  const scenario = await createScenario(db, workspace.id, {
    name: t('demo.scenario'),
    graph: welcomeSeriesScenario({ t: sharedT(), purchasedTagId: purchased.id, doneTagId: done.id }),
  });
  await publishScenario(db, workspace.id, scenario.id, now);
  return workspace.id;
}
