import { cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CatalogueApi } from '../src/api/CatalogueApi.ts';
import { CatalogueApiProvider } from '../src/api/CatalogueApiContext.tsx';
import type { WorkspaceCatalogue } from '../src/api/types.ts';
import { LinksPage } from '../src/catalogue/LinksPage.tsx';
import { i18n } from '../src/i18n/index.ts';
import { signedInForTests } from './support/fake-accounts.ts';

// The pages disable what a role may not use: these tests act as the workspace's owner.
beforeEach(() => signedInForTests(['ws1']));

// リンク: the marketer sees how long and how clicks are counted, in ja and en.

const catalogue: WorkspaceCatalogue = { tags: [], tagFolders: [], fields: [], inflowRoutes: [], scenarios: [], links: [] };
const api = { getCatalogue: async () => structuredClone(catalogue) } as unknown as CatalogueApi;

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage('ja');
});

it.each([
  ['ja', /配信から180日間、友だちごと・配信ごとに最初の1回だけ数えます/],
  ['en', /A click counts for 180 days after the send, once per friend and send/],
])('states the counting rule and its expiry (%s)', async (language, expected) => {
  await i18n.changeLanguage(language);
  render(<I18nextProvider i18n={i18n}><CatalogueApiProvider api={api}><LinksPage ws="ws1" /></CatalogueApiProvider></I18nextProvider>);
  expect((await screen.findByTestId('link-counting')).textContent).toMatch(expected);
});
