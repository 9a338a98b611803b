import { useEffect } from 'react';
import type { Api } from '../../shared/api/contract';
import { pickAndOpen, useDocumentStore } from '../store/document';
import { useUiStore } from '../store/ui';
import { nextZoom } from '../viewer/geometry';

/** Window-wide keys: Ctrl/⌘+O opens (browser; the menu does it in Electron), Ctrl/⌘ +/−/0 zoom (0 = fit width). Grid keys belong to the data side. */
export function useShortcuts(api: Api): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key === 'o') {
        e.preventDefault();
        // In Electron the application menu owns Ctrl+O (its dialog reports back with `document.opened`).
        if (useDocumentStore.getState().app?.transport !== 'electron') void pickAndOpen(api);
        return;
      }
      if (!useDocumentStore.getState().pdf) return;
      const ui = useUiStore.getState();
      if (key === '=' || key === '+') ui.setZoom({ kind: 'percent', value: nextZoom(ui.effectiveZoom, 1) });
      else if (key === '-') ui.setZoom({ kind: 'percent', value: nextZoom(ui.effectiveZoom, -1) });
      else if (key === '0') ui.setZoom({ kind: 'fit-width' });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [api]);
}
