/**
 * `npm run server` starts the service; `npm run server -- <command>` runs the admin CLI.
 * The resolve hook must be in place before any shared lib/ module loads, hence dynamic imports.
 */
import './ts-resolve.ts';

const command = process.argv[2];
if (command === undefined || command === 'serve') {
  const { main } = await import('./main.ts');
  await main();
} else {
  const { runCli } = await import('./cli.ts');
  process.exitCode = await runCli(process.argv.slice(2));
}
