// Memory of one contender in a fresh process (run.mjs starts several per contender, with --expose-gc): RSS and
// V8 heap used after importing it and building its clients, then after `calls` calls, each after forced GCs.
import { contenders, drive } from "./contenders.mjs";

const { serverURL, name, calls, concurrency } = JSON.parse(process.argv[2]);
async function settle() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

const call = await contenders[name](serverURL);
const afterImport = await settle();
await drive(call, calls, concurrency);
process.stdout.write(`${JSON.stringify({ afterImport, afterCalls: await settle() })}\n`);
