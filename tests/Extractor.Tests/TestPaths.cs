namespace Extractor.Tests;

/// <summary>Finds the repository's testdata/ and the ../shared folder beside the checkout.</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string TestData(params string[] parts) => Path.Combine([RepoRoot, "testdata", .. parts]);

    /// <summary>A file under ../shared beside the checkout, or null where that folder is absent.</summary>
    public static string? SharedFile(string relative)
    {
        var path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", relative));
        return File.Exists(path) || Directory.Exists(path) ? path : null;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Extractor.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Extractor.sln not found above the test binaries");
    }
}
