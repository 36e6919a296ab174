import { LogPanel } from "./features/log/LogPanel";
import { ConnectionBanner, ErrorBanner } from "./features/shell/Banners";
import { Header } from "./features/shell/Header";
import { SocketDetail } from "./features/sockets/SocketDetail";
import { SocketList } from "./features/sockets/SocketList";

export function App({ hasToken }: { hasToken: boolean }) {
  return (
    <div className="app">
      <Header />
      <div className="banners">
        <ConnectionBanner hasToken={hasToken} />
        <ErrorBanner />
      </div>
      <main className="workspace">
        <SocketList />
        <SocketDetail />
      </main>
      <LogPanel />
    </div>
  );
}
