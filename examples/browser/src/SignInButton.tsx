import type { ButtonHTMLAttributes, Ref } from "react";

export type SignInButtonVariant = "primary" | "secondary" | "outline" | "ghost" | "link";
export type SignInButtonSize = "sm" | "md" | "lg";

export interface SignInButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, "children" | "type"> {
  /** Default `"primary"`: solid, the look people know from OpenRouter's own sign-in. */
  readonly variant?: SignInButtonVariant;
  /** Default `"md"`. */
  readonly size?: SignInButtonSize;
  /** While the page goes to OpenRouter: a spinner, `aria-busy`, and clicks ignored (the button keeps its focus). */
  readonly busy?: boolean;
  /** The `<button>` element, e.g. to focus it. */
  readonly ref?: Ref<HTMLButtonElement>;
}

/**
 * "Sign in with OpenRouter": a real `<button>` whose accessible name is exactly its text (the mark is
 * decorative), with a visible focus ring, in five variants and three sizes, light and dark.
 *
 * @example
 * <SignInButton variant="outline" size="lg" onClick={() => void signIn.signIn()} />
 */
export function SignInButton({
  variant = "primary",
  size = "md",
  busy = false,
  className,
  onClick,
  ...rest
}: SignInButtonProps) {
  return (
    <button
      {...rest}
      type="button"
      className={["or-button", `or-button--${variant}`, `or-button--${size}`, className].filter(Boolean).join(" ")}
      aria-busy={busy || undefined}
      aria-disabled={busy || rest["aria-disabled"]}
      onClick={busy ? undefined : onClick}
    >
      {busy ? <span className="or-spinner" aria-hidden="true" /> : <OpenRouterMark />}
      <span>Sign in with OpenRouter</span>
    </button>
  );
}

/** This example's own mark for OpenRouter (a route rising from a dot to an arrow), not OpenRouter's artwork. */
export function OpenRouterMark({ className = "or-mark" }: { readonly className?: string }) {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="5.5" cy="18" r="3" fill="currentColor" />
      <path
        d="M5.5 13.5C5.5 8.5 10 6 19 6M15.5 2.5 19 6l-3.5 3.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
