using Extractor.Evaluation;
using Extractor.Mapping;
using Extractor.Model;
using Extractor.Results;

namespace Extractor.Tests;

/// <summary>
/// testdata/text/variants (scripts/testdata/make_variants.py): the layouts of reports found in the
/// wild, re-printed from the truth of other fixtures. What the template's identities decide is read;
/// what they do not is review with the printed figure among the alternatives; nothing is wrong and ok.
/// </summary>
public class TextVariantsTests
{
    private static readonly DocumentExtractor Extractor = new();

    public static TheoryData<string> Variants()
    {
        var data = new TheoryData<string>();
        foreach (var path in TruthFile.LabelledDocuments([TestPaths.TestData("text", "variants")]))
        {
            data.Add(Path.GetFileName(path));
        }
        return data;
    }

    private static (ExtractionResult Result, DocumentScore Score, TruthFile Truth) Read(string name)
    {
        var path = TestPaths.TestData("text", "variants", name);
        var truth = TruthFile.Load(TruthFile.For(path)!);
        var result = Extractor.ExtractFile(path);
        return (result, Evaluator.Score(path, result, truth), truth);
    }

    [Fact]
    public void Variants_AreAllThere()
    {
        // Two sources × five layouts; the theory below must not pass by finding nothing.
        Assert.Equal(10, Variants().Count);
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Variant_HasNoSilentError_AndEveryFieldNotRightIsReview(string name)
    {
        var (result, score, truth) = Read(name);

        Assert.Equal(0, score.SilentErrors);
        foreach (var (path, expected) in truth.Fields)
        {
            var field = result.Fields[path];
            if (field.Value != expected)
            {
                Assert.NotEqual(FieldStatus.Ok, field.Status);
            }
        }
    }

    [Theory]
    [InlineData("fragmented-tab-utf8-bom.txt")]
    [InlineData("fragmented-layout-spaces.txt")]
    public void Fragmented_Markdown_IsReadExactly(string name)
    {
        // A table per 第二十条 item and per row group, header cells split over lines, 表四 as three tables.
        var (result, score, _) = Read(name);

        Assert.True(score.Wrong.Count == 0, string.Join("\n", score.Wrong));
        if (name == "fragmented-layout-spaces.txt")
        {
            // 本年废止件数 printed loose above the table with its note 「（含自然失效 0 件）」: the note names
            // the column, the order the row; position placed them, so no figure of those rows is ok.
            foreach (var path in result.Fields.Keys.Where(p => p.StartsWith("active.regulations.", StringComparison.Ordinal) || p.StartsWith("active.normativeDocuments.", StringComparison.Ordinal)))
            {
                Assert.Equal(FieldStatus.Review, result.Fields[path].Status);
                Assert.Contains(Flags.LabelByPosition, result.Fields[path].Flags);
            }
        }
    }

    [Theory]
    [InlineData("flat-tab-utf8-bom.txt")]
    [InlineData("flat-layout-spaces.txt")]
    [InlineData("flatsections-tab-utf8-bom.txt")]
    [InlineData("flatsections-layout-spaces.txt")]
    public void Flat_ReadsTables3And4_Splits表二OnlyWhereTheProseStatesItsFigures_ElseReviewWithThePrintedFigureAmongTheAlternatives(string name)
    {
        var (result, score, truth) = Read(name);

        Assert.All(score.Wrong, w => Assert.StartsWith("active.", w, StringComparison.Ordinal));
        foreach (var path in truth.Fields.Keys.Where(p => !p.StartsWith("active.", StringComparison.Ordinal)))
        {
            Assert.Equal(truth.Fields[path], result.Fields[path].Value);
        }
        // 「181167」 splits ten ways; the prose of tab-utf8-bom's variant states 制发 18, 废止 11, 现行有效 67.
        var proseStates = name.EndsWith("-tab-utf8-bom.txt", StringComparison.Ordinal);
        foreach (var path in new[] { "active.normativeDocuments.issued", "active.normativeDocuments.repealed", "active.normativeDocuments.inForce" })
        {
            if (proseStates)
            {
                Assert.Equal(truth.Fields[path], result.Fields[path].Value);
                Assert.Contains(Flags.SplitByArithmetic, result.Fields[path].Flags);
            }
        }
        foreach (var path in proseStates ? new[] { "active.regulations.inForce" } : ["active.regulations.inForce", "active.normativeDocuments.issued", "active.normativeDocuments.inForce"])
        {
            var field = result.Fields[path];
            Assert.Equal(FieldStatus.Review, field.Status);
            Assert.Null(field.Value);
            Assert.Contains(Flags.SplitAmbiguous, field.Flags);
            Assert.Contains(truth.Fields[path]!.Value, field.Evidence!.Alternatives!);
        }
    }

    [Fact]
    public void Flat_RowsTheirOwnCheckLeavesOpen_AreReadByTheTablesIdentities()
    {
        // 「（一）予以公开1120121035」: five splits add up to their row total; the column balances
        // and 办理结果总计 leave one. Figures as printed: 11, 2, 0, 1, 2, 1, 0… read from the truth.
        var (result, _, truth) = Read("flat-tab-utf8-bom.txt");

        Assert.Contains(result.Warnings, w => w.Contains("（一）予以公开", StringComparison.Ordinal) && w.Contains("split in 5 ways", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("（一）予以公开", StringComparison.Ordinal) && w.Contains("read by the table's identities", StringComparison.Ordinal));
        foreach (var column in new[] { "natural", "commercial", "research", "socialWelfare", "legalService", "other", "total" })
        {
            var field = result.Fields[$"applications.granted.{column}"];
            Assert.Equal(truth.Fields[$"applications.granted.{column}"], field.Value);
            Assert.Contains(Flags.SplitByArithmetic, field.Flags);
        }
    }

    [Theory]
    [InlineData("vanished-tab-utf8-bom.txt")]
    [InlineData("vanished-layout-spaces.txt")]
    public void Vanished_Blanks_ArePlacedWhereTheIdentitiesDecide_ElseReviewWithThePrintedFigureAmongTheAlternatives(string name)
    {
        var (result, score, truth) = Read(name);

        Assert.All(score.Wrong, w => Assert.True(w.StartsWith("applications.other", StringComparison.Ordinal) || w.StartsWith("reviewLitigation.", StringComparison.Ordinal), w));
        foreach (var path in truth.Fields.Keys)
        {
            var field = result.Fields[path];
            if (field.Value == truth.Fields[path])
            {
                continue;
            }
            Assert.Equal(FieldStatus.Review, field.Status);
            Assert.Null(field.Value);
            Assert.Contains(truth.Fields[path]!.Value, field.Evidence!.Alternatives!);
        }
    }

    [Theory]
    [InlineData("labelless-tab-utf8-bom.txt")]
    [InlineData("labelless-layout-spaces.txt")]
    public void Labelless_Rows_AreNeverOk_AndTheRestIsReadExactly(string name)
    {
        // （五）不予处理's five rows were printed without their labels, shuffled: whatever row they are
        // taken for, balanced arithmetic cannot tell, so none of their fields is ok.
        var (result, score, truth) = Read(name);
        string[] rows = ["notProcessedPetition", "notProcessedRepeated", "notProcessedPublications", "notProcessedMassRepeated", "notProcessedConfirmation"];

        foreach (var path in truth.Fields.Keys)
        {
            if (rows.Any(r => path.StartsWith($"applications.{r}.", StringComparison.Ordinal)))
            {
                Assert.NotEqual(FieldStatus.Ok, result.Fields[path].Status);
            }
            else
            {
                Assert.Equal(truth.Fields[path], result.Fields[path].Value);
            }
        }
        Assert.True(score.Wrong.Count > 0, "the shuffled rows cannot all be right: the test would not see a wrong ok");
    }

    private static List<Cell> Row(params string[] texts) =>
        texts.Select((t, i) => new Cell(0, i + 1, t, Provenance.None)).ToList();

    [Fact]
    public void VanishedBlanks_OnePlacementAlone_IsRead()
    {
        // 表三 row 「3.其他 4 4」: 4 in one of six applicant columns and 4 in 总计. Only the total is
        // certain; the applicant columns stay open with both alternatives.
        var (values, problem, readings) = RowValues.ResolveWithReadings(Row("4", "4"), 7, v => v.Take(6).Sum() == v[6]);

        Assert.NotNull(problem);
        Assert.Equal(6, readings!.Count);
        Assert.Equal(4m, values[6].Value);
        Assert.All(values.Take(6), v => Assert.Null(v.Value));
        Assert.All(values.Take(6), v => Assert.Equal([4m, 0m], v.Alternatives!.Order().Reverse()));
    }

    [Fact]
    public void VanishedBlanks_AllZeroRowOfFewerCells_IsZeros()
    {
        var (values, problem) = RowValues.Resolve(Row("0", "0", "0"), 7, v => v.Take(6).Sum() == v[6]);

        Assert.Null(problem);
        Assert.All(values, v => Assert.Equal(0m, v.Value));
    }
}
