import { homedir } from "node:os";
import { join } from "node:path";

/** Where agents keep their identity and consoles keep their paired agents; tests point it at a temporary directory. */
export const CONFIG_DIR_ENV = "SOCKET_LAB_CONFIG_DIR";

/**
 * The user's configuration directory for Socket Lab: `$SOCKET_LAB_CONFIG_DIR`
 * when set, else the platform's (XDG on Linux, Application Support on macOS,
 * %APPDATA% on Windows).
 */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env[CONFIG_DIR_ENV];
  if (override) return override;
  if (process.platform === "win32") return join(env.APPDATA ?? join(homedir(), "AppData", "Roaming"), "socket-lab");
  if (process.platform === "darwin") return join(homedir(), "Library", "Application Support", "socket-lab");
  return join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), "socket-lab");
}
