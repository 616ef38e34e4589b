/**
 * Node runs the server's TypeScript directly (type stripping, on by default in Node 24). The
 * shared lib/ code is written for the extension's bundler and imports without file extensions;
 * this resolve hook retries such a relative import with `.ts`, so both ends run the same files.
 */
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (err) {
      const relative = specifier.startsWith('./') || specifier.startsWith('../');
      if (!relative || /\.[cm]?[jt]s$/.test(specifier)) throw err;
      return nextResolve(`${specifier}.ts`, context);
    }
  },
});
