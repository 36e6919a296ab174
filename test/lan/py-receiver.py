# The tutorial's broadcast receiver ("广播数据", 接受方), in Python 3:
#
#     python3 py-receiver.py PORT [GROUP IFACE]
#
# SO_REUSEADDR and SO_BROADCAST, bind(('', PORT)), and b"ACK" back to each
# sender by unicast ("回复不是广播"). With GROUP, it also joins that multicast
# group on the interface with address IFACE (IP_ADD_MEMBERSHIP).
#
# For the test that drives it, it prints one JSON line when it is bound
# ({"ready": [host, port]}) and one per datagram ({"got": text, "from": [host, port]}).
import json
import os
import signal
import socket
import sys
import threading

signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
# Not the tutorial's: end with the test process (stdin reaches EOF when it goes), so an
# aborted run leaves no receiver blocked in recvfrom.
threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()

port = int(sys.argv[1])
group = sys.argv[2] if len(sys.argv) > 2 else None
iface = sys.argv[3] if len(sys.argv) > 3 else "0.0.0.0"

S = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)       # UDP
S.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)    # 链接关闭后,端口立即可用
S.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)    # 广播 broadcast
S.bind(('', port))
if group:
    mreq = socket.inet_aton(group) + socket.inet_aton(iface)
    S.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)
print(json.dumps({"ready": list(S.getsockname())}), flush=True)

while 1:
    mes, addr = S.recvfrom(8192)
    print(json.dumps({"got": mes.decode("utf-8", "replace"), "from": list(addr)}), flush=True)
    S.sendto(b"ACK", addr)                                  # 回复不是广播
