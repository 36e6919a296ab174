import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { TOKEN_PARAM } from "../shared/wire";
import { connectToLab } from "./api/connect";
import { App } from "./App";
import { bindStoreToLab } from "./store/bind";
import { LabProvider } from "./store/context";
import { createLabStore } from "./store/store";
import { applyTheme } from "./theme";
import "./styles.css";

const client = connectToLab();
const store = createLabStore();
bindStoreToLab(client, store);
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
