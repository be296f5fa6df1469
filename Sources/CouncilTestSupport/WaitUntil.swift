/// Polls `condition` until it holds or `timeout` passes; false then, so a test fails with its own
/// message instead of hanging the suite.
public func waitUntil(within timeout: Duration = .seconds(20), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { return false }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return true
}
