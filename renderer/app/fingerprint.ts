/**
 * The short name of a signing key as the CLI's `verify` prints it (main/review/keys.ts): the first 16 hex digits of
 * SHA-256 over the key's DER bytes, in groups of four. Null where the browser offers no digest (an insecure context).
 */
export async function keyFingerprint(publicKeyBase64: string): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  try {
    const der = Uint8Array.from(atob(publicKeyBase64), (ch) => ch.charCodeAt(0));
    const hash = new Uint8Array(await subtle.digest('SHA-256', der));
    const hex = Array.from(hash.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
    return hex.replace(/(.{4})(?!$)/gu, '$1:');
  } catch {
    return null;
  }
}
