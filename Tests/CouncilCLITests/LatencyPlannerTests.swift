import CouncilCore
import CouncilStore
import Testing
@testable import CouncilCLI

/// `timeout: auto` and `hedge_after:` resolved per model and stage from stored figures.
@Suite struct LatencyPlannerTests {
    /// `answers` samples with the given p95s for `model` in `stage`.
    static func stats(_ model: ModelID = "a", _ stage: Stage = .generation, answers: Int, p95: Duration?,
                      firstTokens: Int? = nil, firstTokenP95: Duration? = nil, latest: Duration? = nil,
                      timeoutsInARow: Int = 0) -> LatencyStats {
        var entry = StageLatency(model: model, stage: stage)
        entry.answers = answers
        entry.latencyP95 = p95
        entry.latestAnswer = latest
        entry.timeoutsInARow = timeoutsInARow
        entry.firstTokens = firstTokens ?? answers
        entry.firstTokenP95 = firstTokenP95
        return LatencyStats([entry])
    }

    @Test func autoIsOneAndAHalfTimesTheP95OnceThereAreEnoughAnswers() {
        let planner = LatencyPlanner(stats: Self.stats(answers: 20, p95: .seconds(8)))
        let timeout = planner.timeout(.auto, own: false, model: "a", stage: .generation, stageTimeout: .seconds(30))
        #expect(timeout == .init(value: .seconds(12), reason: .auto(p95: .seconds(8), answers: 20)))
        #expect(timeout.own == .seconds(12))
    }

    @Test func autoStandsDownAfterTwoTimeoutsInARow() {
        func timeout(after timeouts: Int) -> LatencyPlanner.Timeout {
            LatencyPlanner(stats: Self.stats(answers: 40, p95: .seconds(4), timeoutsInARow: timeouts))
                .timeout(.auto, own: false, model: "a", stage: .generation, stageTimeout: .seconds(30))
        }
        #expect(timeout(after: 1) == .init(value: .seconds(6), reason: .auto(p95: .seconds(4), answers: 40)), "one hang is the tail")
        let standing = timeout(after: 2)
        #expect(standing == .init(value: .seconds(30), reason: .standingDown(timeouts: 2)))
        #expect(standing.own == nil, "the stage's timeout applies")
        #expect(LatencyText.timeout(standing, origin: .tier) == "30 s tier (auto stands down: the last 2 calls timed out)")
    }

    @Test func aNewestAnswerSlowerThanTheP95RaisesAuto() {
        func timeout(latest: Duration) -> LatencyPlanner.Timeout {
            LatencyPlanner(stats: Self.stats(answers: 40, p95: .seconds(4), latest: latest))
                .timeout(.auto, own: false, model: "a", stage: .generation, stageTimeout: .seconds(30))
        }
        let slower = timeout(latest: .seconds(9))
        #expect(slower == .init(value: .milliseconds(13_500), reason: .latest(.seconds(9))))
        #expect(LatencyText.timeout(slower, origin: .tier) == "13.5 s auto (1.5 × the latest answer 9.0 s, slower than the p95)")
        #expect(timeout(latest: .seconds(3)) == .init(value: .seconds(6), reason: .auto(p95: .seconds(4), answers: 40)))
        #expect(timeout(latest: .seconds(25)).value == .seconds(30), "still at most the stage's")
    }

    @Test func autoWaitsForEnoughAnswersWithTheStagesTimeout() {
        let planner = LatencyPlanner(stats: Self.stats(answers: 19, p95: .seconds(8)))
        let timeout = planner.timeout(.auto, own: false, model: "a", stage: .generation, stageTimeout: .seconds(30))
        #expect(timeout == .init(value: .seconds(30), reason: .waiting(answers: 19)))
        #expect(timeout.own == nil)
        let review = planner.timeout(.auto, own: false, model: "a", stage: .review, stageTimeout: .seconds(30))
        #expect(review.reason == .waiting(answers: 0), "figures are per stage")
    }

    @Test(arguments: [
        (Duration.milliseconds(200), Duration.seconds(30), Duration.seconds(5)),  // floor
        (.seconds(40), .seconds(30), .seconds(30)),  // the stage's timeout is the ceiling
        (.milliseconds(200), .seconds(2), .seconds(2)),  // a stage shorter than the floor wins
    ])
    func autoStaysBetweenTheFloorAndTheStagesTimeout(_ p95: Duration, _ stage: Duration, _ expected: Duration) {
        let planner = LatencyPlanner(stats: Self.stats(answers: 50, p95: p95))
        #expect(planner.timeout(.auto, own: false, model: "a", stage: .generation, stageTimeout: stage).value == expected)
    }

    @Test func aNumberIsTheModelsOwnOnlyWhenTheModelSetIt() {
        let planner = LatencyPlanner(stats: .none)
        #expect(planner.timeout(.seconds(.seconds(12)), own: true, model: "a", stage: .generation, stageTimeout: .seconds(30))
                == .init(value: .seconds(12), reason: .own))
        #expect(planner.timeout(.seconds(.seconds(45)), own: true, model: "a", stage: .generation, stageTimeout: .seconds(30)).value
                == .seconds(30))
        #expect(planner.timeout(.seconds(.seconds(30)), own: false, model: "a", stage: .generation, stageTimeout: .seconds(30)).own == nil)
    }

    @Test func hedgeOffNumberAndAuto() {
        let enough = LatencyPlanner(stats: Self.stats(answers: 30, p95: .seconds(3), firstTokens: 20, firstTokenP95: .milliseconds(900)))
        #expect(enough.hedge(.off, model: "a", stage: .generation) == .init(delay: nil, reason: .off))
        #expect(enough.hedge(.seconds(.milliseconds(1200)), model: "a", stage: .generation).delay == .milliseconds(1200))
        #expect(enough.hedge(.auto, model: "a", stage: .generation) == .init(delay: .milliseconds(900), reason: .auto(samples: 20)))
        let few = LatencyPlanner(stats: Self.stats(answers: 30, p95: .seconds(3), firstTokens: 7, firstTokenP95: .milliseconds(900)))
        #expect(few.hedge(.auto, model: "a", stage: .generation) == .init(delay: nil, reason: .waiting(samples: 7)))
    }

    @Test func theTextsSayWhereATimeoutCameFrom() {
        #expect(LatencyText.timeout(.init(value: .milliseconds(12_300), reason: .auto(p95: .milliseconds(8200), answers: 34)), origin: .tier)
                == "12.3 s auto (1.5 × p95 8.2 s, 34 answers)")
        #expect(LatencyText.timeout(.init(value: .seconds(30), reason: .stage), origin: .tier) == "30 s tier")
        #expect(LatencyText.timeout(.init(value: .seconds(30), reason: .waiting(answers: 7)), origin: .model)
                == "30 s tier (auto: 7 of 20 answers)")
        #expect(LatencyText.timeout(.init(value: .seconds(12), reason: .own), origin: .model) == "12 s model")
        #expect(LatencyText.hedge(.init(delay: nil, reason: .off)) == "off")
        #expect(LatencyText.hedge(.init(delay: .milliseconds(1200), reason: .number)) == "1.2 s")
        #expect(LatencyText.hedge(.init(delay: .milliseconds(900), reason: .auto(samples: 20))) == "auto 0.9 s (p95 first token)")
        #expect(LatencyText.hedge(.init(delay: nil, reason: .waiting(samples: 7))) == "auto: 7 of 20")
    }
}
