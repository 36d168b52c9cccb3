import Foundation

// `swift run -c release notes-bench check [--notes N]`: benchmarks (not tests). See CheckBenchmark.swift.

let usage = """
  usage: notes-bench check [--notes N] [--runs R] [--corpus PATH] [--keep]
         notes-bench server [OPTIONS]   (see ServerBenchmark.swift)
         notes-bench generate --notes N FOLDER
         notes-bench fuzz [--inputs N] [--seed S] | --protocol [--messages N] | --edits [--count N]   (FuzzCommand.swift)
         notes-bench scale [--factor F] [--size MULTIPLIER] [--dimension NAME]   (ScalingBenchmark.swift)

  """

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "check":
  exit(runCheckBenchmark(arguments: Array(arguments.dropFirst())))
case "server":
  exit(runServerBenchmark(arguments: Array(arguments.dropFirst())))
case "fuzz":
  exit(runFuzz(arguments: Array(arguments.dropFirst())))
case "scale":
  exit(runScalingBenchmark(arguments: Array(arguments.dropFirst())))
case "generate":
  // Writes a generated workspace, for trying the server or the checker by hand.
  var count = 10_000
  var folder: String?
  var rest = Array(arguments.dropFirst())
  while let argument = rest.first {
    rest.removeFirst()
    if argument == "--notes", let value = rest.first {
      count = Int(value) ?? count
      rest.removeFirst()
    } else {
      folder = argument
    }
  }
  guard let folder else {
    FileHandle.standardError.write(Data(usage.utf8))
    exit(2)
  }
  var generator = WorkspaceGenerator()
  do {
    let written = try generator.write(count: count, to: URL(fileURLWithPath: folder))
    print("wrote \(written.files.count) notes, \(written.bytes) bytes, to \(folder)")
  } catch {
    FileHandle.standardError.write(Data("notes-bench generate: \(error)\n".utf8))
    exit(2)
  }
default:
  FileHandle.standardError.write(Data(usage.utf8))
  exit(2)
}
