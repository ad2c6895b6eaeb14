/** Build dist/ and public/build/app.js under `root`; resolves to the packages the built code imports. */
export function buildAll(root?: string): Promise<string[]>;
