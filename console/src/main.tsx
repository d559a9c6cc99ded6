import { render } from "preact";
import { App } from "./app";
import { finishHostedSignIn } from "./auth";
import { callApiAt } from "./api";
import { loadConfig } from "./config";
import "./style.css";

async function start() {
  const config = await loadConfig();
  callApiAt(config.apiBase);
  if (config.auth === "cognito" && new URLSearchParams(location.search).has("code")) {
    await finishHostedSignIn(config.cognito);
  }
  render(<App config={config} />, document.getElementById("app")!);
}

start();
