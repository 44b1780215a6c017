// Memory of one contender, in a fresh process (run.mjs starts one per contender, with --expose-gc):
// RSS and V8 heap used after importing it and building its clients, then after `calls` calls.
// Each figure is taken after forced garbage collections. Prints one JSON line.
import { contenders, drive } from "./contenders.mjs";

const { serverURL, name, calls, concurrency } = JSON.parse(process.argv[2] ?? "{}");

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
const afterCalls = await settle();
process.stdout.write(`${JSON.stringify({ afterImport, afterCalls })}\n`);
