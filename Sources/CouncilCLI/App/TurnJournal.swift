import CouncilCore
import Foundation
import Synchronization

/// Carries a turn's events to the store and on to the screen, in the engine's order, without the
/// engine ever waiting for either.
///
/// An event that stores something (a result, the turn's end) reaches the screen only once its
/// transaction has committed — stored, then shown — so a process killed at any moment has stored every
/// result it showed. Results that arrive while a write is committing are stored together in the next
/// transaction, so a burst costs one commit, not one each. Events that store nothing (the chairman's
/// words, progress) go to the screen at once, unless a result ahead of them is still being stored.
/// Nothing is carried before the turn's row is committed (`opening`), which may happen while the
/// first requests are out: a crash never loses a question that showed anything.
final class TurnJournal: Sendable {
    /// Events taken from the engine and not yet carried on.
    private final class Inbox: Sendable {
        let events = Mutex<[CouncilEvent]>([])
        func drain() -> [CouncilEvent] { events.withLock { events in defer { events = [] }; return events } }
    }

    private let inbox = Inbox()
    private let wake: AsyncStream<Void>.Continuation
    private let carrier: Task<Void, Never>

    /// `opening` commits the turn's row and gives its recorder, or nil when it could not: then the
    /// turn's events are neither stored nor shown.
    init(opening: @escaping @Sendable () async -> TurnRecorder?, presenter: TurnPresenter) {
        let (signals, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let inbox = self.inbox
        self.wake = wake
        carrier = Task {
            guard let recorder = await opening() else { return }
            // The chairman's answer is the turn's last result and its end follows at once: it waits for
            // it, so the two are stored in one transaction. Its text is whole already, and was shown as
            // it streamed, unstored like every delta: its last line goes out at once, not after the commit.
            var held: [CouncilEvent] = []
            for await _ in signals {
                while case let batch = held + inbox.drain(), !batch.isEmpty {
                    held = []
                    guard let answer = batch.firstIndex(where: Self.isTheChairmansAnswer) else {
                        await Self.carry(batch, recorder: recorder, presenter: presenter)
                        continue
                    }
                    await Self.carry(Array(batch[..<answer]), recorder: recorder, presenter: presenter)
                    presenter.completeAnswer()
                    guard answer + 1 < batch.endIndex else {
                        held = [batch[answer]]
                        break
                    }
                    await Self.carry(Array(batch[answer...]), recorder: recorder, presenter: presenter)
                }
            }
            await Self.carry(held, recorder: recorder, presenter: presenter)
        }
    }

    /// Takes an event from the engine; it never waits.
    func take(_ event: CouncilEvent) {
        inbox.events.withLock { $0.append(event) }
        wake.yield()
    }

    /// Returns once every event taken so far is stored and handed to the presenter.
    func finish() async {
        wake.finish()
        await carrier.value
    }

    private static func isTheChairmansAnswer(_ event: CouncilEvent) -> Bool {
        if case .modelFinished(.synthesis, let result) = event { return result.outcome.isSuccess }
        return false
    }

    /// Everything before the batch's first stored event is shown at once; the rest once its writes,
    /// all in one transaction, are committed.
    private static func carry(_ batch: [CouncilEvent], recorder: TurnRecorder, presenter: TurnPresenter) async {
        guard !batch.isEmpty else { return }
        let writes = batch.map(TurnRecorder.write(for:))
        let first = writes.firstIndex { $0 != nil } ?? batch.endIndex
        batch[..<first].forEach(presenter.handle)
        guard first < batch.endIndex else { return }
        let problems = await recorder.store(writes.compactMap { $0 })
        batch[first...].forEach(presenter.handle)
        problems.forEach(presenter.note)
    }
}
