import type { Messages } from "./types";

/**
 * What the page says about the kernel behind the Lab: which engine runs it,
 * Linux's own TCP states and the state machine they form, tcp_info's
 * numbers, and where an arriving datagram went. Linux's names (FIN_WAIT2,
 * Recv-Q, cwnd) stay in Latin letters in every language, as `ss` prints
 * them; the gloss beside or under them says what they mean.
 */
const en = {
  "engine.label": "Engine: {name}",
  "engine.kernel": "Kernel engine: every socket is a real Linux kernel socket; what you see is what the kernel answers.",
  "engine.portable": "Portable engine: a model of Linux on Node's net and dgram, with known differences (no tcp_info, no urgent data, no interface of arrival).",
  "engine.fallback": "{portable} The kernel engine could not run here: {reason}",
};

const zh: Record<keyof typeof en, string> = {
  "engine.label": "引擎：{name}",
  "engine.kernel": "内核引擎：每个套接字都是真实的 Linux 内核套接字；你看到的就是内核的回答。",
  "engine.portable": "可移植引擎：在 Node 的 net 和 dgram 上模拟 Linux，与真实内核有已知差异（没有 tcp_info、没有紧急数据、不知道数据报从哪个接口进来）。",
  "engine.fallback": "{portable}内核引擎无法在这里运行：{reason}",
};

export const kernel: Messages<typeof en> = { en, zh };
