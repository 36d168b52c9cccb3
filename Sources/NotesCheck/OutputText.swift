/// Text as every output format prints it.
public enum OutputText {
  /// `text` with control characters made visible (`\n`, `\t`, `\r`, else `\u{1B}`), so a crafted file name or message
  /// can never forge a line of output or move the terminal's cursor. Backslashes are kept as they are.
  public static func visible(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
      guard isControl(scalar) else {
        out.unicodeScalars.append(scalar)
        continue
      }
      switch scalar {
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      }
    }
    return out
  }

  /// C0, DEL, C1, and the line and paragraph separators.
  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0) || scalar.value == 0x2028
      || scalar.value == 0x2029
  }
}
