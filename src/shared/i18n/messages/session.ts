import type { Messages } from "./types";

/** What the page says about its session across reloads: sockets of an earlier page, and what a restore left out. */
const en = {
  "session.region": "Sockets from an earlier page",
  "session.earlier": "The Lab still has {count, number} sockets from an earlier page:",
  "session.earlier_one": "The Lab still has {count, number} socket from an earlier page:",
  "session.earlierWhy": "This tab kept nothing of the page that opened them (another tab, or this tab's storage was cleared). They may hold ports you want to use.",
  "session.keep": "Keep them",
  "session.keep_one": "Keep it",
  "session.startClean": "Start clean (closes them)",
  "session.startClean_one": "Start clean (closes it)",
  "session.closing": "Closing…",
  "session.restored": "Restored after the reload, within what a tab can store: {list}.",
  "session.cutLog": "the log kept only its newest rows ({count, number} older ones are counted as dropped)",
  "session.cutLog_one": "the log kept only its newest rows ({count, number} older one is counted as dropped)",
  "session.cutRecording": "the recording kept its first {kept} steps and records no more ({count, number} later ones left out)",
  "session.cutRecording_one": "the recording kept its first {kept} steps and records no more ({count, number} later one left out)",
  "session.cutConsole": "{count, number} long console lines were cut short",
  "session.cutConsole_one": "{count, number} long console line was cut short",
  "session.listSep": "; ",
  "log.away": "{count, number} events while the page reloaded",
  "log.away_one": "{count, number} event while the page reloaded",
  "log.awayHint":
    "The Lab keeps its sockets across a reload, not its past events: these happened while no page of this tab was reading, so the log does not have them. The socket views come from the Lab and are current.",
} as const;

const zh: Messages<typeof en>["zh"] = {
  "session.region": "之前页面留下的套接字",
  "session.earlier": "实验室里还有之前页面留下的 {count, number} 个套接字：",
  "session.earlierWhy": "本标签页没有保留打开它们的那个页面的任何内容（那是另一个标签页，或本标签页的存储已被清除）。它们可能正占用你想用的端口。",
  "session.keep": "保留",
  "session.startClean": "重新开始（关闭它们）",
  "session.closing": "正在关闭…",
  "session.restored": "已在刷新后恢复本页，但受限于标签页的存储容量：{list}。",
  "session.cutLog": "日志只保留了最新的行（更早的 {count, number} 行计为已丢弃）",
  "session.cutRecording": "录制只保留了前 {kept} 步，且不再继续录制（之后的 {count, number} 步未包含）",
  "session.cutConsole": "{count, number} 行过长的控制台内容被截短",
  "session.listSep": "；",
  "log.away": "刷新期间的 {count, number} 个事件",
  "log.awayHint": "刷新页面时，实验室保留它的套接字，但不保留过去的事件：这些事件发生在本标签页没有页面读取的时候，所以日志里没有它们。套接字视图来自实验室，是最新的。",
};

export const session: Messages<typeof en> = { en, zh };
