import CouncilCore
/// Holds a scripted reply until the test opens it: "the original answers now" happens when the test
/// says, after the hedge or timer it is racing, instead of after a real delay a loaded machine can miss.
public final class ReplyGate: Sendable {
    private let opened = Latch()

    public init() {}

    /// Lets every reply held by this gate go on, now and later.
    public func open() { opened.fire() }

    /// Waits for the gate; false when the client went away first.
    func wait(unlessClosed watch: ConnectionWatch) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { await self.opened.wait(); return true }
            group.addTask { await watch.waitUntilClosed(); return false }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}
