using Kring.Testing;

namespace Kring.Cluster.Tests.Processes;

/// <summary>
/// Where a fault test leaves its artefacts: the processes' logs, PostgreSQL's log and the measured figures.
/// artifacts/fault-tests/{test} in the repository (ignored by git), emptied when the test starts again, or under
/// KRING_TEST_ARTIFACTS when that is set.
/// </summary>
public static class Artefacts
{
    public static string For(string test)
    {
        var root = Environment.GetEnvironmentVariable("KRING_TEST_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Repository.Root, "artifacts", "fault-tests");
        var directory = Path.Combine(root, test);
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        return directory;
    }
}
