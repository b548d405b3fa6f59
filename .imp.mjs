import module from 'node:module';
if (process.argv[2] === 'cache') console.log(module.enableCompileCache?.('/tmp/bt/ccache'));
const t0 = performance.now();
await import('./dist/app.js'); await import('./dist/main.js');
console.log(process.argv[2], ((performance.now() - t0) / 1000).toFixed(2), (process.memoryUsage().rss/1048576).toFixed(0));
