import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ApiProvider } from '../src/api/ApiContext.tsx';
import { createFakeLineApi } from './support/fake-runtime.ts';
import type { LineApi } from '../src/api/LineApi.ts';
import { LineApiProvider } from '../src/api/LineApiContext.tsx';
import type { ScenarioApi } from '../src/api/ScenarioApi.ts';
import { i18n } from '../src/i18n/index.ts';

export function renderWithApi(ui: ReactElement, api: ScenarioApi, lineApi: LineApi = createFakeLineApi()) {
  return render(
    <I18nextProvider i18n={i18n}>
      <ApiProvider api={api}>
        <LineApiProvider api={lineApi}>{ui}</LineApiProvider>
      </ApiProvider>
    </I18nextProvider>,
  );
}
