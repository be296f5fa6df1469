/// What the stored ballots say about the reviewers.
enum JudgementCommands {
    static let all: [SlashCommand] = [bias]

    static let bias = SlashCommand(
        name: "bias", usage: "/bias [all]", summary: "show each reviewer's biases over this session's stored turns",
        detail: """
        Per reviewer: how often it picked the answer shown first, or its own, against chance; the rank
        correlation of answer length with its preference; how far it agrees with the council's ranking; and
        the ballots each figure rests on. /bias all measures over every stored session (as `council bias`).
        """,
        arguments: [.fixed(["all"])]) { words, invocation throws(CommandError) in
        let everySession = words.atEnd ? false : try words.choice(of: BiasScope.self, what: "scope") == .all
        return invocation.perform(.showBias(everySession: everySession))
    }
}

enum BiasScope: String, CaseIterable { case all }
