/**
 * Where the console signs in and which API it calls, read once at start from console-config.json
 * beside index.html: written by the local server ({"auth": "dev"}) or, on AWS, by the stack's
 * console publisher (the API's URL and the Cognito hosted UI's client).
 */
export type ConsoleConfig =
  | { auth: "dev"; apiBase: string }
  | { auth: "cognito"; apiBase: string; cognito: { domain: string; clientId: string; redirectUri: string } };

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch("console-config.json", { cache: "no-store" });
  if (!response.ok) return { auth: "dev", apiBase: "" };
  return (await response.json()) as ConsoleConfig;
}
