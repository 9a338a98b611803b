import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import path from 'node:path';
import { writeAtomic, type ReviewFs } from './fs-adapter';
import { sha256Hex } from './canonical';

/** The installation's Ed25519 key pair; the public key travels with every signed export. */
export interface SigningKey {
  privateKey: KeyObject;
  /** Base64 of the DER SubjectPublicKeyInfo. */
  publicKey: string;
}

const PRIVATE_FILE = 'signing-ed25519.pem';
const PUBLIC_FILE = 'signing-ed25519.pub';

export function keyDir(dataDir: string): string {
  return path.join(dataDir, 'keys');
}

export function publicKeyBase64(key: KeyObject): string {
  return createPublicKey(key).export({ format: 'der', type: 'spki' }).toString('base64');
}

/** Short, human-comparable name of a public key (first 16 hex digits of SHA-256 of its DER bytes). */
export function keyFingerprint(publicKey: string): string {
  return sha256Hex(Buffer.from(publicKey, 'base64'))
    .slice(0, 16)
    .replace(/(.{4})(?!$)/g, '$1:');
}

/** Reads the key pair, creating it (private key readable by the owner only) on first use. */
export async function loadOrCreateKey(fsa: ReviewFs, dataDir: string): Promise<SigningKey> {
  const existing = await readKey(fsa, dataDir);
  if (existing) return existing;
  const dir = keyDir(dataDir);
  await fsa.mkdir(dir);
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' });
  await writeAtomic(fsa, path.join(dir, PRIVATE_FILE), pem, 0o600);
  await writeAtomic(fsa, path.join(dir, PUBLIC_FILE), `${publicKeyBase64(privateKey)}\n`, 0o600);
  return { privateKey, publicKey: publicKeyBase64(privateKey) };
}

/** The key pair when one exists; never creates one (the CLI export must not write into the data directory). */
export async function readKey(fsa: ReviewFs, dataDir: string): Promise<SigningKey | null> {
  let pem: Buffer;
  try {
    pem = await fsa.readFile(path.join(keyDir(dataDir), PRIVATE_FILE));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const privateKey = createPrivateKey(pem);
  return { privateKey, publicKey: publicKeyBase64(privateKey) };
}

/** The workstation's public key (base64 SPKI) when it has one: from the .pub file, else from the private key. */
export async function readPublicKey(fsa: ReviewFs, dataDir: string): Promise<string | null> {
  try {
    const text = (await fsa.readFile(path.join(keyDir(dataDir), PUBLIC_FILE))).toString('utf8').trim();
    if (text)
      return createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' })
        .export({ format: 'der', type: 'spki' })
        .toString('base64');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return (await readKey(fsa, dataDir))?.publicKey ?? null;
}

export function signText(key: SigningKey, text: string): string {
  return sign(null, Buffer.from(text, 'utf8'), key.privateKey).toString('base64');
}

export function verifyText(publicKey: string, text: string, signature: string): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
