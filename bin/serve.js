#!/usr/bin/env node
// `npm start`: the web app, running the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/web/server.ts');
