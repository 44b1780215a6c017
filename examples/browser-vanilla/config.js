// Settings of this deployment of the example, read by app.js. The consent page is `/auth` on the
// origin of serverURL (https://openrouter.ai/auth by default). Tests serve their own config.js instead.
window.openRouterExampleConfig = {
  serverURL: "https://openrouter.ai/api/v1",
};
