/// Anonymous labels for answers under review: A … Z, then AA, AB, … for councils larger than 26.
public enum ResponseLabel {
    public static func label(_ index: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        if index < 26 { return String(letters[index]) }
        return String(letters[index / 26 - 1]) + String(letters[index % 26])
    }

    public static func labels(count: Int) -> [String] { (0..<count).map(label) }
}
