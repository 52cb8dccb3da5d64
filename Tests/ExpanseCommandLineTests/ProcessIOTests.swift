import ExpanseCommandLine
import Foundation
import Testing

// Compares with Foundation instead of calling setenv, because swift test runs
// every test target in one process and setenv races with other threads'
// reads of the environment.
@Test func environmentMatchesFoundation() {
    let environment = ProcessIO.environment()

    #expect(!environment.isEmpty)
    #expect(environment == ProcessInfo.processInfo.environment)
}
