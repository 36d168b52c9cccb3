import Foundation
import NotesCheck
import Testing

/// A headless Chromium on this machine, if any (`apt-get install chromium`; `.ci/run` installs it).
let headlessChromium: URL? = {
  let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  for folder in path.split(separator: ":") {
    for name in names {
      let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
  }
  return nil
}()

/// Runs Chromium headless with `arguments` (plus the flags a container needs), killing it after `seconds`.
func runChromium(_ arguments: [String], profile: URL, seconds: Double = 240) throws -> (code: Int32, out: String) {
  let process = Process()
  process.executableURL = headlessChromium
  process.arguments =
    [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
      "--hide-scrollbars", "--user-data-dir=\(profile.path)",
    ] + arguments
  let out = Pipe()
  process.standardOutput = out
  process.standardError = FileHandle.nullDevice
  process.standardInput = FileHandle.nullDevice
  try process.run()
  let deadline = Date().addingTimeInterval(seconds)
  nonisolated(unsafe) var data = Data()
  let reader = Thread { data = out.fileHandleForReading.readDataToEndOfFile() }
  reader.start()
  while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
  if process.isRunning { process.terminate() }
  process.waitUntilExit()
  while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
  return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

@Suite struct HTMLReportBrowserTests {
  @Test(
    .enabled(
      if: headlessChromium != nil,
      "headless Chromium is not installed (apt-get install chromium): the report is not rendered in a browser"))
  func chromiumRendersTheChartAndTheTables() throws {
    let folder = try TemporaryFolder(text: WorkspaceViewsCommandTests.files)
    defer { folder.remove() }
    let output = CapturedCheckOutput()
    let code = NotesCommandLine.run(
      try NotesCommandLine.parse(["report", "notes", "--html", "report.html"]),
      context: CommandContext(currentDirectory: folder.path, output: output))
    #expect(code == 0, "\(output.standardError)")
    let page = folder.url.appendingPathComponent("report.html")
    let profile = folder.url.appendingPathComponent("chromium-profile")

    // The DOM after Chromium parsed and laid out the page: the chart and every table are there.
    let dom = try runChromium(["--dump-dom", page.absoluteString], profile: profile)
    #expect(dom.code == 0)
    #expect(dom.out.contains("<svg class=\"attendance\""))
    #expect(dom.out.contains("<h3>core: 3 meetings, 3 people</h3>"))
    for table in ["open-items-table", "oldest-table", "shared-initials-table", "findings-codes", "findings-notes"] {
      #expect(dom.out.contains("id=\"\(table)\""), "the rendered page has no table \(table)")
    }

    // A screenshot: a PNG of the requested size, not a blank page (a blank PNG of that size is a few KB).
    let png = folder.url.appendingPathComponent("report.png")
    let shot = try runChromium(
      ["--window-size=1200,1600", "--screenshot=\(png.path)", page.absoluteString], profile: profile)
    #expect(shot.code == 0)
    let bytes = try [UInt8](Data(contentsOf: png))
    #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
    let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
    #expect(width == 1200 && height == 1600)
    #expect(bytes.count > 20_000, "the screenshot is \(bytes.count) bytes: a blank page?")
  }
}
