import type { TestProject } from "vitest/node";
import { type PrismServer, startPrism } from "./prism.js";

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
    prismPid: number;
  }
}

let prism: PrismServer | undefined;

/** One Prism mock for the whole run, from openapi/, on a free loopback port; stopped by PID at the end. */
export async function setup(project: TestProject): Promise<void> {
  prism = await startPrism();
  project.provide("prismUrl", prism.url);
  project.provide("prismPid", prism.pid);
}

export async function teardown(): Promise<void> {
  await prism?.stop();
}
