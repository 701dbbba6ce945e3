import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['main/**/*.test.ts', 'shared/**/*.test.ts', 'app/**/*.test.ts', 'renderer/**/*.test.ts', 'bench/**/*.test.ts'],
    // Integration tests open real sockets, ptys and websockets; give them room on a 2-core box.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
