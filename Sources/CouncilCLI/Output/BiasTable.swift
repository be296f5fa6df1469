import CouncilCore

/// `council bias` and `/bias` as a table: one row per reviewer, each figure against its chance rate
/// and with the ballots it rests on; a figure on too few ballots says so instead of showing a number.
struct BiasTable {
    let names: ModelNames

    func render(_ report: [ReviewerBias]) -> String {
        guard !report.isEmpty else { return "no counted reviews stored yet: nothing to measure" }
        var rows = [["reviewer", "ballots", "picks first-shown", "picks own", "length ρ", "with consensus"]]
        for bias in report {
            rows.append([names.short(bias.reviewer), "\(bias.ballots)", rate(bias.position), rate(bias.selfPreference),
                         correlation(bias.length), share(bias.consensus)])
        }
        return Table.render(rows) + "\n" + Self.legend
    }

    static let legend = """
        picks first-shown / picks own: how often its first pick was the answer shown first / its own answer,
        against chance (1 in the number of answers it saw); ⚑ = that many would come by chance less than 1 in 20.
        length ρ: rank correlation of answer length with its preference (+1 longer first); ⚑ at 0.5 or more.
        with consensus: share of its pairs (own answer left out) ordered as the council's ranking.
        A figure needs \(BiasFigure.minimumBallots) ballots; below that it says how many it has.
        """

    private func rate(_ figure: BiasFigure) -> String {
        guard let value = figure.value, let chance = figure.chance else { return tooFew(figure) }
        return "\(AgreementWords.figure(value)) vs \(AgreementWords.figure(chance))" + flag(figure)
    }

    private func correlation(_ figure: BiasFigure) -> String {
        guard let value = figure.value else { return tooFew(figure) }
        return (value >= 0 ? "+" : "") + AgreementWords.figure(value) + flag(figure)
    }

    private func share(_ figure: BiasFigure) -> String {
        figure.value.map(AgreementWords.figure) ?? tooFew(figure)
    }

    private func flag(_ figure: BiasFigure) -> String { figure.flagged ? " ⚑" : "" }

    private func tooFew(_ figure: BiasFigure) -> String { "too few (\(figure.ballots)/\(BiasFigure.minimumBallots))" }
}
