import CouncilCore
import Foundation

/// One line on stderr per turn and per refusal of `council serve`, as a local server's users expect to see
/// what it did: the status, the model, how the turn went and how long it took. Never the question, a
/// header or a key.
struct ServeLog: Sendable {
    let write: @Sendable (String) -> Void

    func turn(_ result: TurnResult, model: String, stream: Bool) {
        let answered = "\(result.arrivedCount) of \(result.askedCount) answered"
        let status = result.status == .cancelled ? 503 : result.servedAnswer == nil ? 502 : 200
        write("\(status) \(model)\(stream ? " stream" : "") · \(result.status.rawValue) · \(answered) · "
            + String(format: "%.2f s", result.totalTime.seconds))
    }

    func refused(_ error: ServeError) {
        write("\(error.status.code) \(error.code ?? error.type): \(error.message)")
    }

    /// nginx's 499: the client closed the connection before the answer.
    func clientLeft(model: String) { write("499 \(model) · the client left; its turn was cancelled") }
}
