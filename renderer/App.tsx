import { useEffect } from 'react';
import { useApi } from './api/context';
import { openDocument, refreshRecent, reportError, subscribeDocumentEvents, useDocumentStore } from './store/document';
import { storedLocale, useUiStore } from './store/ui';
import { Toolbar } from './app/Toolbar';
import { Banners } from './app/Banners';
import { ProgressBar } from './app/ProgressBar';
import { StartScreen } from './app/StartScreen';
import { Workstation } from './app/Workstation';
import { DropTarget } from './app/DropTarget';
import { useShortcuts } from './app/useShortcuts';

export function App() {
  const api = useApi();
  const hasDoc = useDocumentStore((s) => s.pdf !== null);
  useShortcuts(api);

  useEffect(() => {
    const off = subscribeDocumentEvents(api);
    let cancelled = false;
    void (async () => {
      try {
        const [app, settings] = await Promise.all([api.call('app.info', {}), api.call('settings.get', {})]);
        if (cancelled) return;
        useDocumentStore.setState({ app });
        if (!storedLocale()) useUiStore.getState().setLocale(settings.locale);
        const recent = await refreshRecent(api);
        // First run: nothing opened yet, so show the bundled sample rather than an empty window.
        if (!cancelled && recent.length === 0 && app.sampleAvailable && !useDocumentStore.getState().info) {
          await openDocument(api, { kind: 'sample' });
        }
      } catch (err) {
        reportError(err);
      }
    })();
    return () => {
      cancelled = true;
      off();
    };
  }, [api]);

  return (
    <div className="app">
      <Toolbar />
      <ProgressBar />
      <Banners />
      {hasDoc ? <Workstation /> : <StartScreen />}
      <DropTarget />
    </div>
  );
}
