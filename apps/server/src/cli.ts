#!/usr/bin/env node
import { loadConfig } from './config.js';
import { runCommand } from './cli-commands.js';
import { startServer, WEB_DIST_DEFAULT } from './server.js';

async function main(argv: string[]): Promise<number> {
  const [command = 'start'] = argv;
  if (command !== 'start') return runCommand(argv, { env: process.env, out: (line) => console.log(line), err: (line) => console.error(line) });
  const server = await startServer(loadConfig(process.env, WEB_DIST_DEFAULT));
  console.log(`MAC listening on ${server.url}`);
  const stop = async (signal: string) => {
    console.log(`[mac] ${signal}: closing`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return -1;
}

void main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(`[mac] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
