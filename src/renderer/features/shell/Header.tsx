import { useState } from "react";
import { useT } from "../../i18n";
import { useLabStore } from "../../store/context";
import { NewClientForm } from "../sockets/NewClientForm";
import { NewServerForm } from "../sockets/NewServerForm";

export function Header() {
  const t = useT();
  const language = useLabStore((s) => s.language);
  const setLanguage = useLabStore((s) => s.setLanguage);
  const [open, setOpen] = useState<"server" | "client" | null>(null);
  const close = () => setOpen(null);

  return (
    <header className="app-header">
      <div className="brand">
        <span className="logo" aria-hidden>
          ◉
        </span>
        <h1>{t("app.title")}</h1>
        <span className="tagline">{t("app.tagline")}</span>
      </div>
      <div className="toolbar">
        <button type="button" aria-expanded={open === "server"} onClick={() => setOpen(open === "server" ? null : "server")}>
          + {t("toolbar.tcpServer")}
        </button>
        <button type="button" aria-expanded={open === "client"} onClick={() => setOpen(open === "client" ? null : "client")}>
          + {t("toolbar.tcpClient")}
        </button>
        <button
          type="button"
          className="lang"
          aria-label={t("toolbar.language")}
          onClick={() => setLanguage(language === "en" ? "zh-CN" : "en")}
        >
          {t("toolbar.switchTo")}
        </button>
      </div>
      {open === "server" && <NewServerForm onDone={close} />}
      {open === "client" && <NewClientForm onDone={close} />}
    </header>
  );
}
