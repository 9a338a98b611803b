import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ApiProvider } from './api/context';
import { createApi } from './api/client';
import { useUiStore } from './store/ui';
import './styles/app.css';
import './styles/viewer.css';

document.documentElement.lang = useUiStore.getState().locale;
const api = createApi();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider api={api}>
      <App />
    </ApiProvider>
  </StrictMode>,
);
