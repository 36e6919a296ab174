import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { TOKEN_PARAM } from "../shared/wire";
import { connectToLab } from "./api/connect";
import { App } from "./App";
import { bindStoreToLab } from "./store/bind";
import { LabProvider } from "./store/context";
import { keepPageSession, startPageSession } from "./store/page-session/page-session";
import { createLabStore } from "./store/store";
import { applyTheme } from "./theme";
import "./styles.css";

/** The tab's sessionStorage, where the page keeps its session across a reload; null where the browser refuses it. */
function tabStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

const client = connectToLab();
const store = createLabStore();
const storage = tabStorage();
bindStoreToLab(client, store, { onFirstSnapshot: (snapshot) => startPageSession(store, storage, snapshot) });
if (storage) keepPageSession(store, storage, window);
document.documentElement.lang = store.getState().language;
applyTheme(store.getState().theme);

const hasToken = client.transport === "ipc" || new URLSearchParams(window.location.search).has(TOKEN_PARAM);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <LabProvider store={store} client={client}>
      <App hasToken={hasToken} />
    </LabProvider>
  </StrictMode>,
);
