// A model's text in a link: deflate-raw (the browser's CompressionStream) then base64url, in the
// URL fragment (never sent to the server), so whoever opens the link sees the same text.

const PREFIX = 'model=';

async function pipe(
  bytes: Uint8Array<ArrayBuffer>,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array<ArrayBuffer>> {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array<ArrayBuffer> {
  const b = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
  return out;
}

/** The fragment (without '#') that carries `text`. */
export async function encodeFragment(text: string): Promise<string> {
  const packed = await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
  return PREFIX + toBase64Url(packed);
}

/** The text a fragment carries, null when it carries none; throws when it is damaged. */
export async function decodeFragment(fragment: string): Promise<string | null> {
  const f = fragment.replace(/^#/, '');
  if (!f.startsWith(PREFIX)) return null;
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = fromBase64Url(f.slice(PREFIX.length));
  } catch {
    throw new Error('the link is damaged (it is not valid base64); ask for it again');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await pipe(bytes, new DecompressionStream('deflate-raw')));
  } catch {
    throw new Error('the link is damaged or cut short (its model text cannot be unpacked); ask for it again');
  }
}
