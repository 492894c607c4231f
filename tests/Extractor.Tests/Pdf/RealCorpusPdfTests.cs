using System.Globalization;
using System.Text.Json;
using Extractor.Readers.Pdf;
using Xunit.Abstractions;

namespace Extractor.Tests.Pdf;

/// <summary>
/// Table reconstruction on the real WPS-made reports in ../shared/corpus/real, checked against
/// their truth files. The folder lives beside the checkout, so these tests return early without it.
/// </summary>
public class RealCorpusPdfTests(ITestOutputHelper output)
{
    public static TheoryData<string> Files => new()
    {
        "2023-jiangsu-huaian-hongze-district-gov.pdf",
        "2024-jiangsu-huaian-city-gov.pdf",
        "2024-jiangsu-huaian-hongze-district-gov.pdf",
    };

    /// <summary>表三 rows by a distinctive part of their label (typos in the corpus included: 其他法律行政止公开).</summary>
    private static readonly (string Key, string Label)[] ApplicationRows =
    [
        ("newReceived", "本年新收"), ("carriedOver", "上年结转"), ("granted", "予以公开"), ("partiallyGranted", "部分公开"),
        ("deniedStateSecret", "国家秘密"), ("deniedProhibitedByLaw", "其他法律行政"), ("deniedThreeSecurities", "三安全一稳定"),
        ("deniedThirdPartyRights", "第三方合法权益"), ("deniedInternalAffairs", "三类内部事务"), ("deniedProcessInfo", "四类过程性"),
        ("deniedEnforcementFiles", "行政执法案卷"), ("deniedQueryMatters", "行政查询事项"), ("unableNotHeld", "不掌握相关政府信息"),
        ("unableNeedsCreation", "没有现成信息"), ("unableStillUnclear", "补正后申请内容"), ("notProcessedPetition", "信访举报"),
        ("notProcessedRepeated", "重复申请"), ("notProcessedPublications", "公开出版物"), ("notProcessedMassRepeated", "大量反复"),
        ("notProcessedConfirmation", "确认或重新出具"), ("resultsTotal", "（七）总计"), ("carriedForward", "结转下年度"),
    ];

    private static readonly string[] ApplicantColumns = ["natural", "commercial", "research", "socialWelfare", "legalService", "other", "total"];

    private static readonly string[] ReviewLitigation =
        [.. from g in new[] { "review", "litigationDirect", "litigationAfterReview" }
            from o in new[] { "upheld", "corrected", "other", "pending", "total" } select $"{g}.{o}"];

    [Theory]
    [MemberData(nameof(Files))]
    public void Read_RebuildsApplicationTableRows_WhenRealWpsReport(string file)
    {
        if (Load(file) is not var (doc, truth))
        {
            return;
        }
        var checkedCells = 0;
        foreach (var (key, label) in ApplicationRows)
        {
            var found = PdfTableAssertions.FindRow(doc, label);
            Assert.True(found is not null, $"{file}: no table row labelled …{label}…");
            var (table, row) = found!.Value;
            var figures = PdfTableAssertions.Figures(table, row, PdfTableAssertions.FirstFigureColumn(table, row));
            var expected = ApplicantColumns.Select(c => Truth(truth, $"applications.{key}.{c}")).ToList();
            Assert.Equal(expected, figures);
            checkedCells += figures.Count;
        }
        output.WriteLine($"{file}: {ApplicationRows.Length} rows, {checkedCells} figures match the truth file");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Read_RebuildsReviewLitigationRow_WhenRealWpsReport(string file)
    {
        if (Load(file) is not var (doc, truth))
        {
            return;
        }
        var table = doc.Tables.Single(t => t.Cells.Any(c => c.Text == "行政复议"));
        var figuresRow = Enumerable.Range(0, table.RowCount).Single(r => table.OriginCells(r).Count(c => c.Text.Length > 0 && c.Text.All(char.IsAsciiDigit)) == 15);
        var figures = table.OriginCells(figuresRow).Select(c => c.Text).ToList();
        Assert.Equal(ReviewLitigation.Select(k => Truth(truth, $"reviewLitigation.{k}")).ToList(), figures);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Read_KeepsPageNumbersOutOfTablesAndText_WhenRealWpsReport(string file)
    {
        if (Load(file) is not var (doc, _))
        {
            return;
        }
        Assert.Empty(doc.UnreadablePages);
        Assert.All(doc.Tables, t => Assert.Equal("lattice", t.Strategy));
        Assert.DoesNotContain(doc.Blocks.OfType<Model.TextBlock>(), b => System.Text.RegularExpressions.Regex.IsMatch(b.Text, @"^-\s*\d+\s*-$"));
        Assert.All(doc.Tables.SelectMany(t => t.Cells), c => Assert.DoesNotMatch(@"^-\s*\d+\s*-$", c.Text));
        Assert.All(doc.Tables.SelectMany(t => t.Cells), c =>
        {
            Assert.NotNull(c.Provenance.Page);
            Assert.Equal(4, c.Provenance.BBox!.Length);
        });
    }

    private (Model.LayoutDocument Doc, JsonElement Truth)? Load(string file)
    {
        var path = TestPaths.SharedFile(Path.Combine("corpus", "real", file));
        var truthPath = TestPaths.SharedFile(Path.Combine("corpus", "real", file + ".truth.json"));
        if (path is null || truthPath is null)
        {
            output.WriteLine($"skipped: ../shared/corpus/real/{file} is not beside this checkout");
            return null;
        }
        var doc = new PdfReader().Read(File.ReadAllBytes(path), file);
        using var json = JsonDocument.Parse(File.ReadAllText(truthPath));
        return (doc, json.RootElement.GetProperty("fields").Clone());
    }

    private static string Truth(JsonElement fields, string path) =>
        fields.GetProperty(path).GetDecimal().ToString(CultureInfo.InvariantCulture);
}
