using Extractor.Evaluation;
using Extractor.Results;

namespace Extractor.Tests;

/// <summary>Documents whose own arithmetic fails: the figures are kept as printed, the checks flag them.</summary>
public class ValidationTests
{
    private static ExtractionResult Extract(string relative) => new DocumentExtractor().ExtractFile(TestPaths.TestData(relative));

    [Theory]
    [InlineData("html/broken-row-total.html", "applications.rowTotal.")]
    [InlineData("html/broken-column-balance.html", "applications.balance.")]
    [InlineData("text/broken-review-total.txt", "reviewLitigation.total.")]
    [InlineData("text/broken-prose-count.txt", "prose.newReceived")]
    public void Validate_FlagsTheFailedCheck_AndKeepsThePrintedFigures(string relative, string checkPrefix)
    {
        var path = TestPaths.TestData(relative);
        var result = Extract(relative);
        var truth = TruthFile.Load(TruthFile.For(path)!);

        var failed = result.Checks.Where(c => !c.Passed).ToList();
        Assert.Contains(failed, c => c.Id.StartsWith(checkPrefix, StringComparison.Ordinal));
        foreach (var check in failed)
        {
            foreach (var path2 in check.Fields)
            {
                var field = result.Fields[path2];
                Assert.Equal(truth.Fields[path2], field.Value);
                Assert.Equal(FieldStatus.Review, field.Status);
                Assert.Contains(Flags.CheckFailed, field.Flags);
            }
        }
    }

    [Fact]
    public void Validate_PassesEveryCheck_OnAConsistentReport()
    {
        var result = Extract("html/clean-template.html");

        Assert.All(result.Checks, c => Assert.True(c.Passed, $"{c.Id}: {c.Message}"));
        // 7 balance + 7 resultsTotal + 25 row totals + 3 表四 totals + counts + prose.
        Assert.Equal(44, result.Checks.Count);
    }

    [Fact]
    public void Validate_ReadsCollapsedOtherRow_AsZerosWhenTheRowIsZero()
    {
        var result = Extract("html/collapsed-other-processing.html");

        Assert.Equal("2021", result.Report.Template);
        Assert.NotNull(result.Extra);
        Assert.Contains(Flags.CollapsedRow, result.Fields["applications.otherOther.total"].Flags);
        Assert.All(result.Checks, c => Assert.True(c.Passed, c.Id));
    }
}
