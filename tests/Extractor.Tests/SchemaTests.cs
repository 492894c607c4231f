using Extractor.Schema;

namespace Extractor.Tests;

public class SchemaTests
{
    [Fact]
    public void Fields_MatchFieldsTsv_InOrder()
    {
        var tsv = TestPaths.SharedFile("design/fields.tsv");
        if (tsv is null)
        {
            Assert.Equal(200, Template.Fields.Count);
            return;
        }
        var paths = File.ReadAllLines(tsv).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t')[0]).ToList();
        Assert.Equal(paths, Template.Fields.Select(f => f.Path).ToList());
    }

    [Fact]
    public void Fields_Are200_WithUniquePaths()
    {
        Assert.Equal(200, Template.Fields.Count);
        Assert.Equal(200, Template.Fields.Select(f => f.Path).Distinct().Count());
        Assert.Equal(21, Template.ApplicationRows.Count(r => r.IsOutcome));
    }
}
