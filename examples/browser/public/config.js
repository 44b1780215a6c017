// Settings of this deployment of the example, read once by src/config.ts before the app starts. The consent
// page is `/auth` on the origin of serverURL (https://openrouter.ai/auth by default). A deployment file on
// purpose, not a `?server=` parameter: a link that could choose the server could send the code and the
// verifier to someone else's. `npm run example:browser` and the tests serve their own config.js instead.
window.openRouterExampleConfig = {
  serverURL: "https://openrouter.ai/api/v1",
};
