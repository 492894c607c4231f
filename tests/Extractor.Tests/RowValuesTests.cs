using Extractor.Mapping;
using Extractor.Model;
using Extractor.Results;

namespace Extractor.Tests;

/// <summary>Fitting a row's cells to the template's seven 表三 columns (six applicant columns and 总计).</summary>
public class RowValuesTests
{
    private static readonly Func<decimal[], bool> RowTotal = v => v.Take(6).Sum() == v[6];

    private static List<Cell> Row(params string[] texts) =>
        texts.Select((t, i) => new Cell(0, i + 1, t, Provenance.None)).ToList();

    [Fact]
    public void Resolve_DropsTrailingBlanks_WhenTheOnlyOtherBalancedReadingDropsEveryFigure()
    {
        // 长春市二道区房屋征收工作管理办公室 2022 (../shared/corpus/real): 「一、本年新收…」 prints 56,
        // five blanks, 56 and two trailing blanks. Dropping both 56s also balances (0 = 0), but
        // explains nothing.
        var (values, problem) = RowValues.Resolve(Row("56", "", "", "", "", "", "56", "", ""), 7, RowTotal);

        Assert.Null(problem);
        Assert.Equal([56m, 0, 0, 0, 0, 0, 56], values.Select(v => v.Value));
        Assert.All(values, v => Assert.Contains(Flags.CellRepaired, v.Flags));
    }

    [Fact]
    public void Resolve_DropsAStrayFigure_WhenOnlyThatBalancesTheRow()
    {
        // A numbering 「1」 left in a cell of its own inside a row that prints its zeros blank.
        var (values, problem) = RowValues.Resolve(Row("3", "1", "", "", "", "", "", "3"), 7, RowTotal);

        Assert.Null(problem);
        Assert.Equal([3m, 0, 0, 0, 0, 0, 3], values.Select(v => v.Value));
    }

    [Fact]
    public void Resolve_LeavesTheRowForReview_WhenTwoReadingsWithFiguresBalance()
    {
        // A stray 「0」 or a stray blank: natural 0 and commercial 5, or natural 5. Both add up.
        var (values, problem) = RowValues.Resolve(Row("0", "5", "", "", "", "", "", "5"), 7, RowTotal);

        Assert.NotNull(problem);
        Assert.Null(values[0].Value);
        Assert.Contains(Flags.SplitAmbiguous, values[0].Flags);
        Assert.Equal(5m, values[6].Value);
    }
}
