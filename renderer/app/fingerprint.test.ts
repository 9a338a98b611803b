import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyFingerprint } from './fingerprint';
import { keyFingerprint as mainFingerprint, publicKeyBase64 } from '../../main/review/keys';

describe('signing key fingerprint in the window', () => {
  it('is the same short name the CLI prints for the key', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pub = publicKeyBase64(privateKey);
    expect(await keyFingerprint(pub)).toBe(mainFingerprint(pub));
    expect(await keyFingerprint(pub)).toMatch(/^[0-9a-f]{4}(:[0-9a-f]{4}){3}$/u);
  });

  it('gives no fingerprint for a key that is not base64', async () => {
    expect(await keyFingerprint('not base64 !')).toBeNull();
  });
});
