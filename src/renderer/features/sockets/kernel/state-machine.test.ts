import { describe, expect, it } from "vitest";
import { EDGES, edgeKey, NODES, placePath } from "./state-machine";

describe("the kernel's state machine, as drawn", () => {
  it("has a node for every edge's ends and one place per cell", () => {
    const ids = new Set(NODES.map((n) => n.id));
    for (const e of EDGES) expect(ids.has(e.from) && ids.has(e.to), `${e.from} → ${e.to}`).toBe(true);
    const cells = NODES.map((n) => `${n.row}:${n.col}`);
    expect(new Set(cells).size).toBe(cells.length);
  });

  it("follows an active close from the top CLOSE to FIN_WAIT2 along the machine's arrows", () => {
    const path = placePath(["CLOSE", "ESTABLISHED", "FIN_WAIT1", "FIN_WAIT2"], null);
    expect(path.visits).toEqual(["CLOSE", "ESTABLISHED", "FIN_WAIT1", "FIN_WAIT2"]);
    expect(path.current).toBe("FIN_WAIT2");
    // connect() on loopback completes within one turn: SYN_SENT is never read, and the drawing says so.
    expect(path.skipped).toBe(true);
    expect([...path.taken]).toEqual([edgeKey("ESTABLISHED", "FIN_WAIT1"), edgeKey("FIN_WAIT1", "FIN_WAIT2")]);
    expect(path.order.get("FIN_WAIT1")).toEqual([3]);
    // The one way from CLOSE to ESTABLISHED in two hops is the client's: drawn dashed, as passed but not read.
    expect([...path.inferred]).toEqual(["SYN_SENT"]);
    expect([...path.inferredEdges]).toEqual([edgeKey("CLOSE", "SYN_SENT"), edgeKey("SYN_SENT", "ESTABLISHED")]);
  });

  it("a gap with more than one shortest way is left a gap, not guessed", () => {
    // FIN_WAIT1 → TIME_WAIT: through FIN_WAIT2 or through CLOSING, equally short.
    const path = placePath(["ESTABLISHED", "FIN_WAIT1", "TIME_WAIT"], null);
    expect(path.skipped).toBe(true);
    expect(path.inferred.size).toBe(0);
  });

  it("an accepted connection starts at ESTABLISHED; the passive close ends at the bottom CLOSE", () => {
    const path = placePath(["ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSE"], "last-ack");
    expect(path.visits).toEqual(["ESTABLISHED", "CLOSE_WAIT", "LAST_ACK", "CLOSE_END"]);
    expect(path.skipped).toBe(false);
    expect(path.taken.size).toBe(3);
  });

  it("CLOSE after FIN_WAIT2 with this side's FIN first: the connection went on in a TIME_WAIT the kernel holds apart", () => {
    const path = placePath(["ESTABLISHED", "FIN_WAIT1", "FIN_WAIT2", "CLOSE"], "time-wait");
    expect(path.heldApart).toBe(true);
    expect(path.current).toBe("CLOSE_END");
    expect(path.taken.has(edgeKey("FIN_WAIT2", "TIME_WAIT"))).toBe(true);
    expect(path.taken.has(edgeKey("TIME_WAIT", "CLOSE_END"))).toBe(true);
    expect(path.skipped).toBe(false);
  });

  it("an RST jumps to CLOSE from anywhere: marked as a reset, not as a missed step", () => {
    const path = placePath(["ESTABLISHED", "CLOSE"], "reset");
    expect(path).toMatchObject({ current: "CLOSE_END", reset: true, skipped: false });
  });

  it("a refused connect goes back to CLOSE with no ending: no missed step either", () => {
    expect(placePath(["CLOSE", "SYN_SENT", "CLOSE"], null)).toMatchObject({ visits: ["CLOSE", "SYN_SENT", "CLOSE_END"], reset: false, skipped: false });
  });

  it("the peer's FIN first and LAST_ACK passed between two readings, as on loopback: LAST_ACK drawn dashed", () => {
    const path = placePath(["ESTABLISHED", "CLOSE_WAIT", "CLOSE"], "last-ack");
    expect(path).toMatchObject({ current: "CLOSE_END", skipped: true, heldApart: false, reset: false });
    expect([...path.inferred]).toEqual(["LAST_ACK"]);
  });

  it("a socket known by one CLOSE sits at the top while unconnected, at the bottom once the Lab says a connection ended", () => {
    expect(placePath(["CLOSE"], null).current).toBe("CLOSE");
    expect(placePath(["CLOSE"], "last-ack").current).toBe("CLOSE_END");
    expect(placePath([], null).current).toBeNull();
  });

  it("leaves out states it has no node for, without calling it a gap", () => {
    const path = placePath(["LISTEN", "NEW_SYN_RECV", "LISTEN"], null);
    expect(path.visits).toEqual(["LISTEN"]);
    expect(path.skipped).toBe(false);
  });
});
