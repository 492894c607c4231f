using Extractor.Schema;

namespace Extractor.Tests;

public class SchemaTests
{
    /// <summary>docs/fields.tsv, the contract in the repository, lists the engine's 200 paths in order.</summary>
    [Fact]
    public void Fields_MatchTheRepositorysFieldsTsv_InOrder()
    {
        Assert.Equal(Paths(Path.Combine(TestPaths.RepoRoot, "docs", "fields.tsv")), Template.Fields.Select(f => f.Path).ToList());
    }

    /// <summary>The team's design copy beside the checkout, where it is there, says the same as the repository's.</summary>
    [Fact]
    public void RepositorysFieldsTsv_IsTheSharedDesignCopy_WhereThatIsBeside()
    {
        if (TestPaths.SharedFile("design/fields.tsv") is not { } shared)
        {
            return;
        }
        Assert.Equal(File.ReadAllText(shared), File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "fields.tsv")));
    }

    private static List<string> Paths(string tsv) =>
        File.ReadAllLines(tsv).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')[0]).ToList();

    [Fact]
    public void Fields_Are200_WithUniquePaths()
    {
        Assert.Equal(200, Template.Fields.Count);
        Assert.Equal(200, Template.Fields.Select(f => f.Path).Distinct().Count());
        Assert.Equal(21, Template.ApplicationRows.Count(r => r.IsOutcome));
    }
}
