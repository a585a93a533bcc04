import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..');
export const cmsDir = path.join(repoRoot, 'cms');
