// Node globals the model loader reads, for the editor's worker bundle (injected by esbuild):
// `Buffer.byteLength` for the file size limit and `process.cwd()` for display paths.

export const Buffer = {
  byteLength(text: string): number {
    return new TextEncoder().encode(text).length;
  },
};

export const process = {
  cwd: (): string => '/',
  env: {} as Record<string, string | undefined>,
};
