import { useState } from "react";
import { useT } from "../../hooks/use-t";
import { useLabStore } from "../../store/context";
import { nextTheme } from "../../theme";
import { ScenarioMenu } from "../scenario/ScenarioMenu";
import { NewClientForm } from "../sockets/NewClientForm";
import { NewServerForm } from "../sockets/NewServerForm";
import { NewSocketForm } from "../sockets/NewSocketForm";
import { NewUdpForm } from "../sockets/NewUdpForm";
import { EngineBadge } from "./EngineBadge";

type Popover = "server" | "client" | "udp" | "socket" | "scenario";

const POPOVERS = { server: NewServerForm, client: NewClientForm, udp: NewUdpForm, socket: NewSocketForm, scenario: ScenarioMenu } as const;

export function Header() {
  const t = useT();
  const language = useLabStore((s) => s.language);
  const setLanguage = useLabStore((s) => s.setLanguage);
  const theme = useLabStore((s) => s.theme);
  const setTheme = useLabStore((s) => s.setTheme);
  const recorded = useLabStore((s) => s.recording.steps.length);
  const leftOut = useLabStore((s) => s.recording.overflow + Object.values(s.recording.left).reduce((sum, n) => sum + n, 0));
  const broadcastOpen = useLabStore((s) => s.broadcastOpen);
  const setBroadcastOpen = useLabStore((s) => s.setBroadcastOpen);
  const discoveryOpen = useLabStore((s) => s.discoveryOpen);
  const setDiscoveryOpen = useLabStore((s) => s.setDiscoveryOpen);
  const hostsOpen = useLabStore((s) => s.hostsOpen);
  const setHostsOpen = useLabStore((s) => s.setHostsOpen);
  const lessonsOpen = useLabStore((s) => s.lessonsOpen);
  const setLessonsOpen = useLabStore((s) => s.setLessonsOpen);
  const [open, setOpen] = useState<Popover | null>(null);
  const toggle = (which: Popover) => () => setOpen(open === which ? null : which);
  const Open = open ? POPOVERS[open] : null;

  return (
    <header className="app-header">
      <div className="brand">
        <span className="logo" aria-hidden>
          ◉
        </span>
        <h1>{t("app.title")}</h1>
        <EngineBadge />
        <span className="tagline">{t("app.tagline")}</span>
      </div>
      <div className="toolbar">
        <button type="button" aria-expanded={open === "server"} onClick={toggle("server")}>
          + {t("toolbar.tcpServer")}
        </button>
        <button type="button" aria-expanded={open === "client"} onClick={toggle("client")}>
          + {t("toolbar.tcpClient")}
        </button>
        <button type="button" aria-expanded={open === "udp"} onClick={toggle("udp")}>
          + UDP
        </button>
        <button type="button" className="mono" aria-expanded={open === "socket"} onClick={toggle("socket")} title={t("toolbar.socketHint")}>
          socket()
        </button>
        <button
          type="button"
          aria-pressed={broadcastOpen}
          onClick={() => setBroadcastOpen(!broadcastOpen)}
        >
          {t("bc.toolbar")}
        </button>
        <button type="button" aria-pressed={discoveryOpen} onClick={() => setDiscoveryOpen(!discoveryOpen)}>
          {t("disc.toolbar")}
        </button>
        <button type="button" aria-pressed={hostsOpen} onClick={() => setHostsOpen(!hostsOpen)}>
          {t("hosts.toolbar")}
        </button>
        <button type="button" aria-pressed={lessonsOpen} onClick={() => setLessonsOpen(!lessonsOpen)}>
          {t("lesson.toolbar")}
        </button>
        <span className="toolbar-gap" aria-hidden />
        <button
          type="button"
          aria-expanded={open === "scenario"}
          onClick={toggle("scenario")}
          aria-label={`${t("toolbar.scenarioLabel", { count: recorded })}${leftOut > 0 ? ` · ${t("toolbar.scenarioLeft", { n: leftOut })}` : ""}`}
          title={leftOut > 0 ? t("toolbar.scenarioLeft", { n: leftOut }) : undefined}
        >
          {t("toolbar.scenario")} <span className="count num">{recorded}</span>
          {leftOut > 0 && (
            <span className="count left num" aria-hidden>
              ⚠ {leftOut}
            </span>
          )}
        </button>
        <button type="button" className="lang" aria-label={t("toolbar.language")} onClick={() => setLanguage(language === "en" ? "zh-CN" : "en")}>
          {t("toolbar.switchTo")}
        </button>
        <button
          type="button"
          className="theme"
          aria-label={t("toolbar.theme", { theme: t(`theme.${theme}`) })}
          title={t("toolbar.theme", { theme: t(`theme.${theme}`) })}
          onClick={() => setTheme(nextTheme(theme))}
        >
          <span aria-hidden>{theme === "light" ? "☀" : theme === "dark" ? "☾" : "◐"}</span>
        </button>
      </div>
      {Open && <Open onDone={() => setOpen(null)} />}
    </header>
  );
}
