import { BindForm, ConnectForm, ListenForm, NoArgForm, type FormProps } from "./forms/connection-forms";
import { RecvForm, SendForm, ShutdownForm } from "./forms/data-forms";
import { AutoForm, IdleCloseForm } from "./forms/lab-forms";
import { SetblockingForm, SettimeoutForm, SockoptForm } from "./forms/option-forms";
import type { OpId } from "./operations";

/** The inline form of one operation. */
export function OpFormFor({ op, ...props }: FormProps & { op: OpId }) {
  switch (op) {
    case "bind":
      return <BindForm {...props} />;
    case "listen":
      return <ListenForm {...props} />;
    case "connect":
    case "connect_ex":
      return <ConnectForm {...props} op={op} />;
    case "accept":
    case "getsockname":
    case "getpeername":
    case "close":
      return <NoArgForm {...props} op={op} />;
    case "send":
    case "sendall":
    case "sendto":
      return <SendForm {...props} op={op} />;
    case "recv":
    case "recvfrom":
      return <RecvForm {...props} op={op} />;
    case "shutdown":
      return <ShutdownForm {...props} />;
    case "settimeout":
      return <SettimeoutForm {...props} />;
    case "setblocking":
      return <SetblockingForm {...props} />;
    case "setsockopt":
    case "getsockopt":
      return <SockoptForm {...props} op={op} />;
    case "auto":
      return <AutoForm {...props} />;
    case "idle_close":
      return <IdleCloseForm {...props} />;
  }
}
