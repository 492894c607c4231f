using Extractor.Results;
using Extractor.Validation;

namespace Extractor.Tests.Ml;

/// <summary>
/// A failed check that exactly one misprint explains (one wrong digit, or a figure split over two
/// neighbouring cells) gets a suggestion; the printed values stay.
/// </summary>
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

    [Fact]
    public void Extract_SuggestsJoinedFigure_WhenTwoDigitsAreSplitIntoNeighbouringCells()
    {
        // The seed-like fixture prints （一）予以公开 as 11 2 0 1 21 0 35; here 「21」 is split so that its
        // second digit lands in the next (zero) cell: 11 2 0 1 2 1 35.
        var result = ExtractReprinted("（一）予以公开\t11\t2\t0\t1\t21\t0\t35", "（一）予以公开\t11\t2\t0\t1\t2\t1\t35");

        var legal = result.Fields["applications.granted.legalService"];
        var other = result.Fields["applications.granted.other"];
        Assert.Equal(2m, legal.Value);
        Assert.Equal(1m, other.Value);
        Assert.Equal(21m, legal.Evidence!.SuggestedValue);
        Assert.Equal(0m, other.Evidence!.SuggestedValue);
        Assert.All([legal, other], f => Assert.Equal(FieldStatus.Review, f.Status));
        Assert.Equal(2, result.Fields.Values.Count(f => f.Flags.Contains(Flags.Suggested)));
    }

    [Fact]
    public void Extract_SuggestsNothing_WhenSeveralRepairsExplainTheFailure()
    {
        // 表四's last group printed 1 2 4 0 16: 12|0, 0|12 and a dropped digit (10) all balance its
        // only check, so no single repair explains it.
        var result = ExtractReprinted("0\t5\t4\t4\t13\t0\t5\t2\t4\t11\t2\t0\t4\t0\t6", "0\t5\t4\t4\t13\t0\t5\t2\t4\t11\t1\t2\t4\t0\t16");

        Assert.Contains(result.Checks, c => c.Id == "reviewLitigation.total.litigationAfterReview" && !c.Passed);
        Assert.Equal(FieldStatus.Review, result.Fields["reviewLitigation.litigationAfterReview.upheld"].Status);
        Assert.DoesNotContain(result.Fields.Values, f => f.Flags.Contains(Flags.Suggested));
    }

    /// <summary>tab-utf8-bom.txt with one printed row replaced, extracted.</summary>
    private static ExtractionResult ExtractReprinted(string row, string reprinted)
    {
        var text = File.ReadAllText(TestPaths.TestData("text", "tab-utf8-bom.txt"));
        Assert.Contains(row, text, StringComparison.Ordinal);
        var changed = text.Replace(row, reprinted, StringComparison.Ordinal);
        return new DocumentExtractor().Extract(System.Text.Encoding.UTF8.GetBytes(changed), "reprinted.txt");
    }
}
