#!/usr/bin/env node
// `npx vigie …` from the repository root (see "bin" in the root package.json). Vigie runs its
// TypeScript sources through tsx, with no build step; this registers tsx, then runs the command.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/vigie.ts');
