import Foundation
import Server

LoggingSetup.bootstrap(environment: ProcessInfo.processInfo.environment)
let status = await CommandLineTool.run(Array(CommandLine.arguments.dropFirst()))
exit(status)
