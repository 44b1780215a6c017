/** The optional app identification headers; set per request, they override the client's options. */
export interface AppHeaders {
  /** Sent as `HTTP-Referer`: the URL of your app. */
  httpReferer?: string | undefined;
  /** Sent as `X-OpenRouter-Title`: the display name of your app. */
  appTitle?: string | undefined;
  /** Sent as `X-OpenRouter-Categories`: comma-separated categories of your app. */
  appCategories?: string | undefined;
}
