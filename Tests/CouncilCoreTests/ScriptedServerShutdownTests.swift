import Foundation
import Glibc
import Testing
import CouncilTestSupport

/// The scripted server stops cleanly while clients are still connecting: a connection accepted at
/// the moment of `stop()` is closed, not dropped (NIO traps on a dropped async channel, which ended
/// a whole test run once).
@Suite(.timeLimit(.minutes(1))) struct ScriptedServerShutdownTests {
    @Test func stoppingWhileClientsConnectDoesNotCrash() async throws {
        for _ in 0..<30 {
            let server = try await ScriptedServer.start { _ in .stream("x") }
            let port = server.port
            let connecting = Thread {
                for _ in 0..<40 { Self.connectAndClose(port: port) }
            }
            connecting.start()
            try await Task.sleep(for: .microseconds(Int.random(in: 0...800)))
            await server.stop()
            #expect(await waitUntil { connecting.isFinished })
        }
        let server = try await ScriptedServer.start { _ in .stream("still serving") }
        #expect(server.port > 0)
        await server.stop()
    }

    /// A plain TCP connect to 127.0.0.1:`port`, closed at once; refused once the server is gone.
    static func connectAndClose(port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
    }
}
