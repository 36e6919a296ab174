import { BroadcastOr } from "./features/broadcast/BroadcastOr";
import { FlagsPanel } from "./features/flags/FlagsPanel";
import { LessonPlayer } from "./features/lessons/LessonPlayer";
import { useMenuCommands } from "./features/lessons/menu-commands";
import { PresenterMode } from "./features/lessons/PresenterMode";
import { LogPanel } from "./features/log/LogPanel";
import { ConnectionBanner, ErrorBanner } from "./features/shell/Banners";
import { Header } from "./features/shell/Header";
import { SocketDetail } from "./features/sockets/SocketDetail";
import { SocketList } from "./features/sockets/SocketList";

export function App({ hasToken }: { hasToken: boolean }) {
  useMenuCommands();
  return (
    <div className="app">
      <Header />
      <div className="banners">
        <ConnectionBanner hasToken={hasToken} />
        <ErrorBanner />
        <LessonPlayer />
      </div>
      <main className="workspace">
        <SocketList />
        <BroadcastOr>
          <SocketDetail />
          <FlagsPanel />
        </BroadcastOr>
      </main>
      <LogPanel />
      <PresenterMode />
    </div>
  );
}
