import { BroadcastOr } from "./features/broadcast/BroadcastOr";
import { DiscoveryOr } from "./features/discovery/DiscoveryOr";
import { HostsOr } from "./features/hosts/HostsOr";
import { FlagsPanel } from "./features/flags/FlagsPanel";
import { LessonPlayer } from "./features/lessons/LessonPlayer";
import { useMenuCommands } from "./features/lessons/menu-commands";
import { PresenterMode } from "./features/lessons/PresenterMode";
import { LogPanel } from "./features/log/LogPanel";
import { ConnectionBanner, ErrorBanner, NoticeBanner } from "./features/header/Banners";
import { Header } from "./features/header/Header";
import { EarlierSocketsBanner, RestoreNoteBanner } from "./features/header/SessionBanners";
import { SocketDetail } from "./features/sockets/SocketDetail";
import { SocketList } from "./features/sockets/SocketList";
import { useT } from "./hooks/use-t";

export function App({ hasToken }: { hasToken: boolean }) {
  useMenuCommands();
  const t = useT();
  return (
    <div className="app">
      {/* The first Tab stop: past the header's twelve buttons to the sockets and their actions. */}
      <a className="skip-link" href="#workspace">
        {t("app.skip")}
      </a>
      <Header />
      <div className="banners">
        <ConnectionBanner hasToken={hasToken} />
        <EarlierSocketsBanner />
        <RestoreNoteBanner />
        <ErrorBanner />
        <NoticeBanner />
        <LessonPlayer />
      </div>
      <main className="workspace" id="workspace" tabIndex={-1}>
        <SocketList />
        <HostsOr>
          <DiscoveryOr>
            <BroadcastOr>
              <SocketDetail />
              <FlagsPanel />
            </BroadcastOr>
          </DiscoveryOr>
        </HostsOr>
      </main>
      <LogPanel />
      <PresenterMode />
    </div>
  );
}
