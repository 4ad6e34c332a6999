namespace Kring.Testing;

/// <summary>The checkout the tests run from.</summary>
public static class Repository
{
    /// <summary>The folder with Kring.Orleans.sln, found upwards from the test's output folder.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Kring.Orleans.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"No Kring.Orleans.sln above {AppContext.BaseDirectory}.");
    }
}
