// `npm run stand-in`: the local OpenRouter stand-in of scripts/demo/local-servers.ts (the consent page, which
// approves, and both operations) on 127.0.0.1, to point an app or the CLI at. `PORT` picks its port (default:
// a free one); `STAND_IN_DECISION=deny` makes the consent page deny. Prints `OPENROUTER_BASE_URL=<its API>`
// and runs until SIGINT (Ctrl-C) or SIGTERM.
import { startConsentStandIn } from "./demo/local-servers.js";

const port = process.env.PORT || "0";
const decision = process.env.STAND_IN_DECISION || "approve";
if (!/^\d{1,5}$/.test(port) || Number(port) > 65_535 || (decision !== "approve" && decision !== "deny")) {
  console.error(
    `stand-in: PORT must be a port number (got ${port}), STAND_IN_DECISION approve or deny (got ${decision})`,
  );
  process.exit(2);
}
startConsentStandIn({ port: Number(port), approve: decision === "approve" }).then(
  (standIn) => {
    const stop = () => void standIn.close().then(() => process.exit(0));
    process.once("SIGINT", stop).once("SIGTERM", stop); // before the line that tells a caller it is up
    console.log(`OPENROUTER_BASE_URL=${standIn.apiUrl}`);
    console.log(`consent page: ${standIn.authUrl} (it will ${decision}); stop with Ctrl-C`);
  },
  (error: Error) => {
    console.error(`stand-in: cannot listen on 127.0.0.1:${port}: ${error.message}`);
    process.exit(1);
  },
);
