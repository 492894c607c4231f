using Extractor.Results;
using Extractor.Validation;

namespace Extractor.Tests.Ml;

/// <summary>A failed check with exactly one cell that a one-digit misprint explains gets a suggestion; the printed value stays.</summary>
public class RepairHintsTests
{
    [Theory]
    [InlineData(31, 21, true)]
    [InlineData(1, 12, true)]
    [InlineData(120, 12, true)]
    [InlineData(21, 12, true)]
    [InlineData(0, 4, true)]
    [InlineData(35, 12, false)]
    [InlineData(7, 7, false)]
    public void IsMisprint_RecognisesOneDigitErrors(int printed, int intended, bool expected)
    {
        Assert.Equal(expected, RepairHints.IsMisprint(printed, intended));
    }

    [Fact]
    public void Extract_SuggestsBalancingValue_WhenRowTotalHasOneWrongDigit()
    {
        var result = new DocumentExtractor().ExtractFile(TestPaths.TestData("html", "broken-row-total.html"));

        var total = result.Fields["applications.granted.total"];
        Assert.Equal(31m, total.Value);
        Assert.Contains(Flags.Suggested, total.Flags);
        Assert.Equal(21m, total.Evidence!.SuggestedValue);
        Assert.Equal(FieldStatus.Review, total.Status);
        Assert.Single(result.Fields.Values, f => f.Flags.Contains(Flags.Suggested));
    }

    [Fact]
    public void Extract_SuggestsNothing_WhenAllChecksPass()
    {
        var result = new DocumentExtractor().ExtractFile(TestPaths.TestData("text", "tab-utf8-bom.txt"));

        Assert.DoesNotContain(result.Fields.Values, f => f.Flags.Contains(Flags.Suggested));
    }
}
