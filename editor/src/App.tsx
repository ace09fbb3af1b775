import { useEffect } from 'react';
import { useApi } from './api/ApiContext.tsx';
import { AuthGate } from './accounts/AuthGate.tsx';
import { OutboxPage } from './accounts/OutboxPage.tsx';
import { useMe } from './accounts/session.ts';
import { TokensPage } from './accounts/TokensPage.tsx';
import { AuditPage } from './audit/AuditPage.tsx';
import { MembersPage } from './members/MembersPage.tsx';
import { useRoute, type Route } from './routing/router.ts';
import { NotFoundPage } from './shell/NotFoundPage.tsx';
import { ErrorMessage } from './shell/ErrorMessage.tsx';
import { Header } from './shell/Header.tsx';
import { HomePage } from './shell/HomePage.tsx';
import { refreshWorkspaces, rememberWorkspace, useWorkspaces } from './shell/workspaces.ts';
import { ScenarioListPage } from './scenarios/ScenarioListPage.tsx';
import { EditorPage } from './editor/EditorPage.tsx';
import { SimulatorPage } from './simulator/SimulatorPage.tsx';
import { ChannelsPage } from './channels/ChannelsPage.tsx';
import { InflowRoutesPage } from './inflow/InflowRoutesPage.tsx';
import { SettingsPage } from './settings/SettingsPage.tsx';
import { FieldsPage } from './catalogue/FieldsPage.tsx';
import { LinksPage } from './catalogue/LinksPage.tsx';
import { TagsPage } from './catalogue/TagsPage.tsx';
import { FriendPage } from './friends/FriendPage.tsx';
import { FriendsPage } from './friends/FriendsPage.tsx';
import { SegmentsPage } from './segments/SegmentsPage.tsx';
import { TemplatesPage } from './templates/TemplatesPage.tsx';

export function App() {
  const route = useRoute();
  return (
    <AuthGate route={route}>
      <SignedInApp route={route} />
    </AuthGate>
  );
}

function SignedInApp({ route }: { route: Route }) {
  const api = useApi();
  const me = useMe();
  const { error } = useWorkspaces();
  const ws = 'ws' in route ? route.ws : undefined;
  // A workspace the person is not a member of does not exist for them (the runtime answers 404 too).
  const hidden = ws !== undefined && me !== undefined && !me.workspaces.some((w) => w.id === ws);

  useEffect(() => {
    void refreshWorkspaces(api);
  }, [api]);
  useEffect(() => {
    if (ws && !hidden) rememberWorkspace(ws);
  }, [ws, hidden]);

  if (hidden) {
    return (
      <div className="app">
        <Header ws={undefined} />
        <main className="app-main"><NotFoundPage /></main>
      </div>
    );
  }

  return (
    <div className={route.name === 'editor' ? 'app app-editor' : 'app'}>
      <Header ws={ws} />
      {error !== undefined && <ErrorMessage error={error} onRetry={() => void refreshWorkspaces(api)} />}
      <main className="app-main">
        {route.name === 'home' && <HomePage />}
        {route.name === 'workspace' && <ScenarioListPage key={route.ws} ws={route.ws} />}
        {route.name === 'editor' && <EditorPage key={route.scenarioId} ws={route.ws} scenarioId={route.scenarioId} />}
        {route.name === 'simulator' && <SimulatorPage key={route.ws} ws={route.ws} />}
        {route.name === 'channels' && <ChannelsPage key={route.ws} ws={route.ws} />}
        {route.name === 'inflowRoutes' && <InflowRoutesPage key={route.ws} ws={route.ws} />}
        {route.name === 'settings' && <SettingsPage key={route.ws} ws={route.ws} />}
        {route.name === 'tags' && <TagsPage key={route.ws} ws={route.ws} />}
        {route.name === 'fields' && <FieldsPage key={route.ws} ws={route.ws} />}
        {route.name === 'links' && <LinksPage key={route.ws} ws={route.ws} />}
        {route.name === 'friends' && <FriendsPage key={route.ws} ws={route.ws} />}
        {route.name === 'segments' && <SegmentsPage key={route.ws} ws={route.ws} />}
        {route.name === 'friend' && <FriendPage key={route.friendId} ws={route.ws} friendId={route.friendId} />}
        {route.name === 'members' && <MembersPage key={route.ws} ws={route.ws} />}
        {route.name === 'tokens' && <TokensPage key={route.ws} ws={route.ws} />}
        {route.name === 'templates' && <TemplatesPage key={route.ws} ws={route.ws} />}
        {route.name === 'audit' && <AuditPage key={route.ws} ws={route.ws} />}
        {route.name === 'outbox' && <OutboxPage />}
        {route.name === 'notFound' && <NotFoundPage />}
      </main>
    </div>
  );
}
