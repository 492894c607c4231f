using BenchmarkDotNet.Attributes;

namespace Extractor.Benchmarks;

/// <summary>Parse time and allocations per document, whole pipeline, bytes in memory.</summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private readonly DocumentExtractor _extractor = new();
    private byte[] _bytes = [];

    [Params("text/seed-juandong-town-2023.txt", "html/word-export-mso.html", "html/clean-template.html", "text/layout-spaces.txt")]
    public string Document { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _bytes = File.ReadAllBytes(Path.Combine(RepoRoot(), "testdata", Document));

    [Benchmark]
    public int Parse() => _extractor.Extract(_bytes, Path.GetFileName(Document)).Fields.Count;

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Extractor.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
