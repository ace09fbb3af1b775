import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import '@xyflow/react/dist/style.css';
import './styles/app.css';
import './styles/editor.css';
import './styles/inspector.css';
import './styles/simulator.css';
import './styles/catalogue.css';
import './styles/accounts.css';
import './styles/templates.css';
import { App } from './App.tsx';
import { ApiProvider } from './api/ApiContext.tsx';
import { chooseApi, chooseLineApi } from './api/chooseApi.ts';
import { LineApiProvider } from './api/LineApiContext.tsx';
import { i18n } from './i18n/index.ts';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
document.documentElement.lang = i18n.language;

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ApiProvider api={chooseApi()}>
        <LineApiProvider api={chooseLineApi()}>
          <App />
        </LineApiProvider>
      </ApiProvider>
    </I18nextProvider>
  </StrictMode>,
);
