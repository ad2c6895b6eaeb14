// Browser stand-in for node:crypto's createHash in the editor's worker bundle. A model's hash is
// only a cache key there, so two fast 32-bit hashes of the text (the first FNV-1a), as hex, serve;
// it is not a cryptographic digest and nothing in the browser relies on it being one.

export function createHash(_algorithm: string) {
  let text = '';
  const hash = {
    update(s: string) {
      text += s;
      return hash;
    },
    digest(_enc: 'hex'): string {
      let h1 = 0x811c9dc5;
      let h2 = 0x01000193;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      }
      const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
      return (hex(h1) + hex(h2)).repeat(4);
    },
  };
  return hash;
}
export default { createHash };
