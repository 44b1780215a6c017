// Entry point on workerd: a worker whose fetch handler runs the web-standard checks with the config
// posted to it and answers with the JSON report. The orchestrator bundles it, the package and hono
// included, from the consumer project's node_modules, and runs it through miniflare.
import type { SuiteConfig, SuiteReport } from "./report.js";
import { sdkChecks } from "./sdk-checks.js";
import { serverChecks } from "./server-checks.js";

export default {
  async fetch(request: Request): Promise<Response> {
    const config = (await request.json()) as SuiteConfig;
    const report: SuiteReport = {
      runtime: `workerd (${navigator.userAgent})`,
      results: [...(await sdkChecks(config)), ...(await serverChecks(config))],
    };
    return Response.json(report);
  },
};
