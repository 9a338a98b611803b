import { describe, expect, it } from 'vitest';
import { isTrustedSenderUrl, secureWindowOptions } from './security';

describe('window security', () => {
  it('isolates the renderer: context isolation, sandbox, no Node', () => {
    const prefs = secureWindowOptions('/p/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/p/preload.cjs',
    });
  });

  it('trusts only frames of the app origin', () => {
    expect(isTrustedSenderUrl('app://workstation/index.html')).toBe(true);
    expect(isTrustedSenderUrl('file:///etc/index.html')).toBe(false);
    expect(isTrustedSenderUrl('https://workstation/index.html')).toBe(false);
    expect(isTrustedSenderUrl('app://evil/index.html')).toBe(false);
    expect(isTrustedSenderUrl(undefined)).toBe(false);
    expect(isTrustedSenderUrl('not a url')).toBe(false);
  });
});
